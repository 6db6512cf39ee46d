/**
 * The browser's half of the delivery ladder: the real client in Chromium acknowledges an
 * alert it showed, so the ladder stops at the socket, and the alert's detail view shows that
 * timeline. (Push and email rungs are covered with a real push service and SMTP server in
 * tests/integration/ladder*.test.ts; Chromium here cannot reach a push service.)
 */
import { expect, test } from "@playwright/test";
import { BOB, expectConnected, publish, signIn } from "./fixtures";

test("an alert shown in an open tab is acknowledged, and its timeline says delivered live then acknowledged", async ({ page, request }) => {
  await signIn(page, BOB);
  await expectConnected(page);
  const published = await publish(request, BOB.id, { severity: "high" });
  const alertId = published.alerts[0].alertId as string;
  await expect(page.getByText(published.title).first()).toBeVisible();

  await page.goto(`/alerts/${alertId}`);
  const timeline = page.getByTestId("alert-deliveries").locator("li");
  await expect(async () => {
    await page.reload();
    await expect(timeline).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await expect(timeline.nth(0)).toHaveText(/^delivered live \d\d:\d\d:\d\d · 1 socket\(s\)$/);
  await expect(timeline.nth(1)).toHaveText(/^acknowledged in a tab \d\d:\d\d:\d\d$/);
  await expect(timeline.nth(1)).toHaveAttribute("data-status", "acknowledged");
});
