/** Shared steps for the E2E specs: sign in through the real form, publish through the real API. */
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { TEST_PUBLISH_SECRET } from "../tests/helpers/beacon-server";

export const ALICE = { email: "alice@example.com", password: "beacon-demo", id: "alice" };
export const BOB = { email: "bob@example.com", password: "beacon-demo", id: "bob" };
export const CAROL = { email: "carol@example.com", password: "beacon-demo", id: "carol" };

export async function signIn(page: Page, user = ALICE, baseURL?: string) {
  await page.goto(`${baseURL ?? ""}/login`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expectConnected(page);
}

export async function expectConnected(page: Page, timeout = 10_000) {
  await expect(page.getByTestId("connection-dot")).toHaveAttribute("data-state", "open", { timeout });
}

let counter = 0;
export async function publish(request: APIRequestContext, userId: string, overrides: Record<string, unknown> = {}, baseURL?: string) {
  const title = `E2E alert ${Date.now()}-${++counter}`;
  const response = await request.post(`${baseURL ?? ""}/api/alerts`, {
    headers: { authorization: `Bearer ${TEST_PUBLISH_SECRET}` },
    data: { userId, service: "darkwatch", severity: "high", title, body: "Your email appeared in a breach.", ...overrides },
  });
  expect(response.status()).toBe(202);
  return { title, ...(await response.json()) };
}

export function badge(page: Page) {
  return page.getByTestId("unread-badge");
}

/** The badge's number, 0 when it is hidden or empty. */
export async function badgeCount(page: Page): Promise<number> {
  const element = badge(page);
  if (!(await element.isVisible())) return 0;
  return Number((await element.innerText()).trim()) || 0;
}

/** Opens the bell's panel and waits for its list (or empty state) to be there. */
export async function openInboxPanel(page: Page) {
  await badge(page).click();
  const panel = page.getByTestId("inbox-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("inbox-list").or(panel.getByTestId("inbox-empty"))).toBeVisible();
  return panel;
}

/** Marks everything read through the bell panel and waits for the badge to say 0. */
export async function markAllReadInPanel(page: Page) {
  const panel = await openInboxPanel(page);
  const button = panel.getByRole("button", { name: "Mark all read" });
  if (await button.isEnabled()) await button.click();
  await expect(badge(page)).toHaveText("0");
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
}
