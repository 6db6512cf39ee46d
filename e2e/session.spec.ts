import { expect, test } from "@playwright/test";
import { expectConnected, signIn } from "./fixtures";

test("a tab with no session is sent to sign-in and opens no socket", async ({ page }) => {
  const sockets: string[] = [];
  page.on("websocket", (ws) => sockets.push(ws.url()));
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard|\/login\?next=\/dashboard/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.waitForTimeout(500);
  expect(sockets.filter((url) => url.includes("/ws/alerts"))).toEqual([]);
});

test("a wrong password shows an error and stays on sign-in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("alice@example.com");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("signing out in one tab signs out every tab of the browser and closes their sockets", async ({ context }) => {
  const page = await context.newPage();
  await signIn(page);
  const other = await context.newPage();
  await other.goto("/dashboard");
  await expectConnected(other);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(other).toHaveURL(/\/login/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
});
