import { expect, test } from "@playwright/test";
import { TEST_PUBLISH_SECRET } from "../tests/helpers/beacon-server";
import { badgeCount, CAROL, expectConnected, openInboxPanel, publish, signIn } from "./fixtures";

const PUBLISHER = { authorization: `Bearer ${TEST_PUBLISH_SECRET}` };

test.describe.configure({ mode: "serial" });

test("alerts published while the browser was offline all arrive once on return, with one summary toast and the right badge", async ({
  page,
  context,
  request,
}) => {
  await signIn(page, CAROL);
  const before = await badgeCount(page);

  await context.setOffline(true);
  // Wait until the tab has given up its socket. The server may still think it is open (the close
  // frame cannot leave an offline browser) and "deliver" into it: the cursor catch-up covers that too.
  await expect(page.getByTestId("connection-status")).toHaveText(/Offline|Reconnecting/, { timeout: 15_000 });
  const missed: string[] = [];
  for (let i = 0; i < 5; i++) missed.push((await publish(request, CAROL.id)).title);

  await context.setOffline(false);
  await expectConnected(page, 15_000);

  const summary = page.getByTestId("away-summary-toast");
  await expect(summary).toHaveCount(1);
  await expect(summary).toContainText("5 alerts while you were away");
  // A catch-up of five is summed up, not five toasts.
  for (const title of missed) await expect(page.getByTestId("alert-toast").filter({ hasText: title })).toHaveCount(0);
  for (const title of missed) await expect(page.getByTestId("alert-item").filter({ hasText: title })).toHaveCount(1);
  await expect.poll(() => badgeCount(page)).toBe(before + 5);
  // And the inbox (the bell's panel, read from the store) has each of them once.
  await openInboxPanel(page);
  for (const title of missed) await expect(page.getByTestId("inbox-item").filter({ hasText: title })).toHaveCount(1);
  await page.keyboard.press("Escape");

  // Live delivery carries on after the seam, once.
  const { title: live } = await publish(request, CAROL.id);
  await expect(page.getByTestId("alert-toast").filter({ hasText: live })).toBeVisible({ timeout: 2000 });
  await expect(page.getByTestId("alert-item").filter({ hasText: live })).toHaveCount(1);
  await expect.poll(() => badgeCount(page)).toBe(before + 6);
});

test("a reloaded tab resumes from its saved cursor: it gets only what it missed, each once", async ({ page, request }) => {
  await signIn(page, CAROL);
  const before = await badgeCount(page);
  await page.close();
  // Publish only once the server has seen the tab go, so the alerts cannot reach the closing page.
  await expect.poll(async () => (await (await request.get("/api/stats", { headers: PUBLISHER })).json()).sockets).toBe(0);

  const context = page.context();
  const { title: first } = await publish(request, CAROL.id);
  const { title: second } = await publish(request, CAROL.id);

  const again = await context.newPage();
  await again.goto("/dashboard");
  await expectConnected(again);
  // Two fresh alerts after a short absence: a blip, so each gets its own toast and there is no summary.
  await expect(again.getByTestId("alert-toast").filter({ hasText: first })).toBeVisible();
  await expect(again.getByTestId("alert-toast").filter({ hasText: second })).toBeVisible();
  await expect(again.getByTestId("away-summary-toast")).toHaveCount(0);
  // Only the two it missed were replayed, not the older ones it had already seen.
  await expect(again.getByTestId("alert-item")).toHaveCount(2);
  await expect.poll(() => badgeCount(again)).toBe(before + 2);
});
