import { expect, test } from "@playwright/test";
import { ALICE, expectConnected, publish, signIn } from "./fixtures";

test("losing the network shows Offline; when it returns the tab reconnects and alerts flow again", async ({ page, context, request }) => {
  await signIn(page, ALICE);

  await context.setOffline(true);
  await expect(page.getByTestId("connection-status")).toHaveText(/Offline|Reconnecting/, { timeout: 15_000 });
  await expect(page.getByTestId("connection-dot")).not.toHaveAttribute("data-state", "open");

  await context.setOffline(false);
  await expectConnected(page, 15_000);
  const { title } = await publish(request, ALICE.id);
  await expect(page.getByTestId("alert-toast").filter({ hasText: title })).toBeVisible({ timeout: 2000 });
});
