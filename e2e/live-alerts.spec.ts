import { expect, test } from "@playwright/test";
import { defaultPreferences } from "../src/shared/preferences";
import { ALICE, badge, badgeCount, BOB, expectConnected, markAllReadInPanel, publish, signIn } from "./fixtures";

test("a signed-in user sees a toast within 2 s of an alert and the badge counts it", async ({ page, request }) => {
  await signIn(page, ALICE);
  const before = await badgeCount(page);
  const { title } = await publish(request, ALICE.id, { actionUrl: "/dashboard?from=e2e", actionLabel: "Review" });

  const toast = page.getByTestId("alert-toast").filter({ hasText: title });
  await expect(toast).toBeVisible({ timeout: 2000 });
  await expect(toast).toContainText("DarkWatch");
  await expect(toast).toContainText(/high/i);
  await expect(toast.getByRole("link", { name: "Review" })).toHaveAttribute("href", "/dashboard?from=e2e");
  await expect(badge(page)).toHaveText(String(before + 1));
  await expect(page.getByTestId("alert-list").getByTestId("alert-item").first()).toContainText(title);
});

test("an alert for another user never shows up", async ({ page, request }) => {
  await signIn(page, BOB);
  const before = await badgeCount(page);
  const { title } = await publish(request, ALICE.id);
  const mine = await publish(request, BOB.id);
  await expect(page.getByTestId("alert-toast").filter({ hasText: mine.title })).toBeVisible({ timeout: 2000 });
  await expect(page.getByText(title)).toHaveCount(0);
  await expect(badge(page)).toHaveText(String(before + 1));
});

test("two tabs of the same user both get the alert, and reading in one clears the badge in the other", async ({ context, request }) => {
  const first = await context.newPage();
  await signIn(first, ALICE);
  const second = await context.newPage();
  await second.goto("/dashboard");
  await expectConnected(second);

  const { title } = await publish(request, ALICE.id);
  await expect(first.getByTestId("alert-toast").filter({ hasText: title })).toBeVisible({ timeout: 2000 });
  await expect(second.getByTestId("alert-toast").filter({ hasText: title })).toBeVisible({ timeout: 2000 });
  await expect(badge(first)).not.toHaveText("0");

  await markAllReadInPanel(first);
  await expect.poll(() => badgeCount(first)).toBe(0);
  await expect.poll(() => badgeCount(second)).toBe(0);
});

test("Do not disturb in the top bar is account-wide: no toast in any tab, the badge still counts", async ({ page, context, request }) => {
  await signIn(page, ALICE);
  try {
    await page.getByLabel("Do not disturb").check();
    // Saved for the account: the preference reads back, and another tab opens with the box ticked.
    await expect.poll(async () => (await (await page.request.get("/api/preferences")).json()).preferences.doNotDisturb).toBe(true);
    const other = await context.newPage();
    await other.goto("/dashboard");
    await expectConnected(other);
    await expect(other.getByLabel("Do not disturb")).toBeChecked();

    const before = await badgeCount(page);
    const { title } = await publish(request, ALICE.id);
    await expect(badge(page)).toHaveText(String(before + 1));
    await expect(badge(other)).toHaveText(String(before + 1));
    await expect(page.getByTestId("alert-list")).toContainText(title);
    for (const tab of [page, other]) await expect(tab.getByTestId("alert-toast").filter({ hasText: title })).toHaveCount(0);
  } finally {
    // Other specs sign in as Alice and expect toasts.
    await page.request.put("/api/preferences", { data: defaultPreferences() });
  }
});

test("the simulate panel fires an event through a service pipeline", async ({ page }) => {
  await signIn(page, ALICE);
  await page.getByRole("button", { name: "Simulate HomeTitle" }).click();
  const toast = page.getByTestId("alert-toast").filter({ hasText: "HomeTitle" });
  await expect(toast).toBeVisible({ timeout: 2000 });
  await expect(toast).toContainText(/critical/i);
});
