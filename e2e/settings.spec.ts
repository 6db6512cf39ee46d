/**
 * The settings page in Chromium against the production build: a preference changed from the
 * keyboard survives a reload, the quiet-hours zone defaults to the browser's, and a family
 * group made on the page receives an alert published to it.
 */
import { expect, test } from "@playwright/test";
import { defaultPreferences } from "../src/shared/preferences";
import { ALICE, BOB, CAROL, expectConnected, signIn } from "./fixtures";
import { TEST_PUBLISH_SECRET } from "../tests/helpers/beacon-server";

test.describe("delivery preferences", () => {
  test.use({ timezoneId: "America/New_York" });

  test.afterEach(async ({ page }) => {
    // Other specs sign in as the same demo users; leave them the defaults.
    const response = await page.request.put("/api/preferences", { data: defaultPreferences() });
    expect(response.status()).toBe(200);
  });

  test("a preference changed from the keyboard is saved and still there after a reload", async ({ page }) => {
    await signIn(page, CAROL);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("critical-note")).toContainText("Critical alerts always reach you");

    const spamEmail = page.getByRole("checkbox", { name: "SpamShield: Email" });
    await expect(spamEmail).toBeChecked();
    await spamEmail.focus();
    await page.keyboard.press("Space");
    await expect(spamEmail).not.toBeChecked();
    await page.getByLabel("Push notifications from").selectOption("high");
    await page.getByLabel("Use quiet hours").check();
    // Nobody saved a zone for this user yet: the browser's is the default.
    await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");
    await page.getByLabel("From", { exact: true }).fill("21:30");
    await expect(page.getByTestId("preferences-status")).toHaveText("Unsaved changes.");

    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect(page.getByTestId("preferences-status")).toHaveText("Saved.");

    await page.reload();
    await expectConnected(page);
    await expect(page.getByRole("checkbox", { name: "SpamShield: Email" })).not.toBeChecked();
    await expect(page.getByRole("checkbox", { name: "SpamShield: Push" })).toBeChecked();
    await expect(page.getByLabel("Push notifications from")).toHaveValue("high");
    await expect(page.getByLabel("Use quiet hours")).toBeChecked();
    await expect(page.getByLabel("From", { exact: true })).toHaveValue("21:30");
    await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");
    await expect(page.getByRole("button", { name: "Save preferences" })).toHaveAttribute("aria-disabled", "true");
  });
});

test("a family group created on the page gets an alert published to it, in a member's open tab", async ({ page, browser, request }) => {
  const bobContext = await browser.newContext();
  const bobPage = await bobContext.newPage();
  try {
    await signIn(bobPage, BOB);
    await signIn(page, ALICE);
    await page.goto("/settings");
    const groups = page.getByTestId("family-groups");
    const name = `E2E family ${Date.now()}`;
    await groups.getByLabel("New group name").fill(name);
    await groups.getByRole("button", { name: "Create group" }).click();
    const card = groups.getByTestId("group-card").filter({ has: page.getByRole("heading", { name }) });
    await expect(card).toContainText("You own this group");

    await card.getByLabel("Add a member by email or account id").fill("nobody-here");
    await card.getByRole("button", { name: "Add member" }).click();
    await expect(card.getByRole("alert")).toContainText("No Beacon account with the email or id “nobody-here”");
    // By email, as people know each other: the server finds Bob's account.
    await card.getByLabel("Add a member by email or account id").fill("Bob@Example.com");
    await card.getByLabel("Add a member by email or account id").press("Enter");
    await expect(card.getByRole("list", { name: `Members of ${name}` }).getByRole("listitem")).toHaveText([/Alice Moreau/, /Bob Okafor/]);

    await page.reload();
    await expect(card.getByRole("list", { name: `Members of ${name}` }).getByRole("listitem")).toHaveCount(2);
    const { groups: listed } = await (await page.request.get("/api/groups")).json();
    const groupId = listed.find((group: { name: string }) => group.name === name).id;

    const title = `Group alert ${Date.now()}`;
    const published = await request.post("/api/alerts", {
      headers: { authorization: `Bearer ${TEST_PUBLISH_SECRET}` },
      data: { groupId, service: "hometitle", severity: "high", title, body: "A deed change was filed on your address." },
    });
    expect(published.status()).toBe(202);
    await expect(bobPage.getByTestId("alert-toast").filter({ hasText: title })).toBeVisible({ timeout: 3000 });
    await expect(page.getByTestId("alert-toast").filter({ hasText: title })).toBeVisible({ timeout: 3000 });

    await bobPage.goto("/settings");
    const bobsCard = bobPage.getByTestId("group-card").filter({ has: bobPage.getByRole("heading", { name }) });
    await expect(bobsCard).toContainText("Owned by Alice Moreau");
    await expect(bobsCard.getByRole("button")).toHaveCount(0);

    await card.getByRole("button", { name: "Delete group" }).click();
    await card.getByRole("button", { name: "Yes, delete" }).click();
    await expect(groups.getByRole("heading", { name })).toHaveCount(0);
  } finally {
    await bobContext.close();
  }
});
