import { expect, type Page, test } from "@playwright/test";
import { ALICE, BOB, CAROL, expectConnected, publish, signIn } from "./fixtures";

async function tileValue(page: Page, stat: string): Promise<number> {
  return Number(await page.locator(`[data-stat="${stat}"] dd`).innerText());
}

test("the operators' dashboard updates its counters and event list live when an alert is published, without a reload", async ({ page, request }) => {
  await signIn(page, ALICE);
  await page.getByRole("link", { name: "Operations" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Operations" })).toBeVisible();
  await expectConnected(page);
  // Marks this document: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await expect(page.locator('[data-stat="sockets"] dd')).not.toHaveText("0");
  const publishedBefore = await tileValue(page, "published");
  const statsAt = await page.locator(".admin__header").getAttribute("data-stats-at");

  const { title } = await publish(request, CAROL.id);

  const events = page.locator(".admin-events__list");
  await expect(events.locator('[data-kind="published"]').filter({ hasText: title })).toBeVisible({ timeout: 2000 });
  await expect(page.locator('[data-stat="published"] dd')).toHaveText(String(publishedBefore + 1), { timeout: 2000 });
  // Carol has no open tab here: the socket channel skipped her, which the table counts.
  await expect(page.getByRole("table", { name: "Deliveries by channel" }).locator('[data-channel="websocket"]')).toBeVisible();
  // Then the next stats frame (every 5 s) agrees with what the events added up to.
  await expect(page.locator(".admin__header")).not.toHaveAttribute("data-stats-at", statsAt!, { timeout: 7000 });
  await expect(page.locator('[data-stat="published"] dd')).toHaveText(String(publishedBefore + 1));

  // Filters narrow the list: only publishes, only this title.
  await page.getByLabel("Kind").selectOption("published");
  await page.getByLabel("Search").fill(title);
  await expect(events.locator("li")).toHaveCount(1);
  await expect(events.locator("li")).toContainText(title);

  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  if (process.env.ADMIN_SCREENSHOT) await page.screenshot({ path: process.env.ADMIN_SCREENSHOT, fullPage: true });
});

test("a user who is not an admin gets the 403 page, no Operations link, and the snapshot API refuses them", async ({ page }) => {
  await signIn(page, BOB);
  await expect(page.getByRole("link", { name: "Operations" })).toHaveCount(0);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "403 · Admins only" })).toBeVisible();
  const response = await page.request.get("/api/admin/snapshot");
  expect(response.status()).toBe(403);
});
