/**
 * The inbox: the bell's panel, the /alerts page with its detail view, and read state shared
 * by every tab. Alerts are published through the real API to the real production build.
 */
import { expect, test } from "@playwright/test";
import { ALICE, badge, BOB, CAROL, expectConnected, markAllReadInPanel, openInboxPanel, publish, signIn } from "./fixtures";

test("published alerts are listed in the bell panel, and opening one shows its full description", async ({ page, request }) => {
  await signIn(page, ALICE);
  await markAllReadInPanel(page);
  const older = await publish(request, ALICE.id, { service: "voiceprint", severity: "medium" });
  const newer = await publish(request, ALICE.id, {
    body: "Your number was used to register a new account.\nIf this was not you, lock your number.",
    imageUrl: "/e2e-evidence.png",
    actionUrl: "/dashboard?from=inbox",
    actionLabel: "Review",
  });
  await expect(badge(page)).toHaveText("2");

  const panel = await openInboxPanel(page);
  await expect(badge(page)).toHaveAttribute("aria-expanded", "true");
  const rows = panel.getByTestId("inbox-item");
  await expect(rows.nth(0)).toContainText(newer.title);
  await expect(rows.nth(1)).toContainText(older.title);
  await expect(rows.nth(1)).toContainText("VoicePrint");
  await expect(rows.nth(0)).toHaveAttribute("data-unread", "true");
  await expect(rows.nth(0)).toContainText("just now");

  await rows.nth(0).getByRole("link", { name: newer.title }).click();
  await expect(page).toHaveURL(new RegExp(`/alerts/${newer.alerts[0].alertId}$`));
  await expect(panel).toBeHidden();
  const detail = page.getByTestId("alert-detail");
  await expect(detail.getByRole("heading", { name: newer.title })).toBeVisible();
  await expect(page.getByTestId("alert-detail-body")).toContainText("lock your number");
  await expect(detail.locator("img")).toHaveAttribute("src", "/e2e-evidence.png");
  await expect(detail.getByRole("link", { name: "Review" })).toHaveAttribute("href", "/dashboard?from=inbox");
  await expect(page.getByTestId("alert-deliveries")).toContainText(/delivered live \d\d:\d\d:\d\d · 1 socket\(s\)/);
  await expect(badge(page)).toHaveText("1");
});

test("Mark all read in the panel sets the badge to 0 and shows every row read", async ({ page, request }) => {
  await signIn(page, ALICE);
  await publish(request, ALICE.id);
  await publish(request, ALICE.id);
  await expect(badge(page)).not.toHaveText("0");

  const panel = await openInboxPanel(page);
  await panel.getByRole("button", { name: "Mark all read" }).click();
  await expect(badge(page)).toHaveText("0");
  await expect(panel.locator('[data-testid="inbox-item"][data-unread="true"]')).toHaveCount(0);

  await page.reload();
  await expectConnected(page);
  await expect(badge(page)).toHaveText("0");
});

test("the bell panel opens and closes from the keyboard", async ({ page }) => {
  await signIn(page, ALICE);
  await badge(page).focus();
  await page.keyboard.press("Enter");
  const panel = page.getByTestId("inbox-panel");
  await expect(panel).toBeVisible();
  await expect(panel).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(badge(page)).toBeFocused();
  await expect(badge(page)).toHaveAttribute("aria-expanded", "false");
});

test("/alerts loads older alerts as the list scrolls past the first 30", async ({ page, request }) => {
  const prefix = `Scroll ${Date.now()}`;
  for (let index = 1; index <= 35; index++) {
    await publish(request, CAROL.id, { title: `${prefix} #${index}`, service: "spamshield", severity: "low" });
  }
  await signIn(page, CAROL);
  await page.goto("/alerts");
  const mine = page.getByTestId("inbox-item").filter({ hasText: prefix });
  await expect(mine).toHaveCount(30);
  await expect(mine.first()).toContainText(`${prefix} #35`);

  // Scrolling to the end is all it takes: the sentinel loads the next page.
  await mine.last().scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 5000);
  await expect(mine).toHaveCount(35);
  await expect(mine.last()).toContainText(`${prefix} #1`);
  await expect(page.getByText("That's every alert here.")).toBeVisible();
});

test("marking an alert read in one tab clears it in the other tab's badge and list", async ({ context, request }) => {
  const first = await context.newPage();
  await signIn(first, ALICE);
  await markAllReadInPanel(first);
  const second = await context.newPage();
  await second.goto("/alerts");
  await expectConnected(second);
  await first.goto("/alerts");
  await expectConnected(first);

  const one = await publish(request, ALICE.id);
  const two = await publish(request, ALICE.id);
  await expect(badge(first)).toHaveText("2");
  await expect(badge(second)).toHaveText("2");
  const rowIn = (page: typeof first, title: string) => page.getByTestId("inbox-item").filter({ hasText: title });
  await expect(rowIn(second, one.title)).toHaveAttribute("data-unread", "true");

  // One of two read elsewhere: the other tab's count drops to 1 and its list refetches the read state.
  await rowIn(first, one.title).getByRole("button", { name: /^Mark read/ }).click();
  await expect(badge(second)).toHaveText("1");
  await expect(rowIn(second, one.title)).toHaveAttribute("data-unread", "false");
  await expect(rowIn(second, two.title)).toHaveAttribute("data-unread", "true");

  // The last one read elsewhere: the count reaches 0 and every row shows read.
  await rowIn(first, two.title).getByRole("button", { name: /^Mark read/ }).click();
  await expect(badge(second)).toHaveText("0");
  await expect(rowIn(second, two.title)).toHaveAttribute("data-unread", "false");
});

test("moving between the dashboard and the inbox keeps the one realtime connection", async ({ page }) => {
  const sockets: string[] = [];
  page.on("websocket", (ws) => {
    if (ws.url().includes("/ws/alerts")) sockets.push(ws.url());
  });
  await signIn(page, ALICE);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectConnected(page);
  expect(sockets).toHaveLength(1);
});

test("a link straight to one alert works after signing in", async ({ page, request }) => {
  const { title, alerts } = await publish(request, CAROL.id, { body: "Opened from a link in an email." });
  await page.goto(`/alerts/${alerts[0].alertId}`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel("Email").fill(CAROL.email);
  await page.getByLabel("Password").fill(CAROL.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/alerts/${alerts[0].alertId}$`));
  await expect(page.getByTestId("alert-detail").getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByTestId("alert-detail-body")).toHaveText("Opened from a link in an email.");
});
