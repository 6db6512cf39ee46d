import { fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SettingsPage } from "~/components/settings/SettingsPage";
import { defaultPreferences } from "~/shared/preferences";
import { FakeSettingsServer } from "./fake-settings-server";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function install(server = new FakeSettingsServer()) {
  vi.stubGlobal("fetch", server.fetch);
  return server;
}

/** The browser's own zone, as Intl reports it. */
function browserZoneIs(zone: string) {
  const original = Intl.DateTimeFormat.prototype.resolvedOptions;
  vi.spyOn(Intl.DateTimeFormat.prototype, "resolvedOptions").mockImplementation(function (this: Intl.DateTimeFormat) {
    return { ...original.call(this), timeZone: zone };
  });
}

async function renderPage() {
  render(() => <SettingsPage />);
  return screen.findByTestId("preferences-form");
}

const save = () => screen.getByRole("button", { name: "Save preferences" });
/** The Save button stays focusable; it says it is unavailable with aria-disabled. */
const saveUnavailable = () => save().getAttribute("aria-disabled") === "true";

describe("the settings page: delivery preferences", () => {
  it("shows the saved switches in a service × channel grid, and says critical alerts cannot be muted", async () => {
    const server = install();
    server.preferences.channels.spamshield = { toast: false, push: true, email: false };
    await renderPage();

    const grid = screen.getByRole("table", { name: "Which channels each service may use" });
    expect(within(grid).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Service", "In-app toast", "Push", "Email"]);
    expect(within(grid).getAllByRole("rowheader").map((h) => h.textContent)).toEqual(["DarkWatch", "VoicePrint", "SpamShield", "HomeTitle", "RemoveBrokers"]);
    expect(screen.getByRole("checkbox", { name: "SpamShield: In-app toast" })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: "SpamShield: Push" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "DarkWatch: Email" })).toBeChecked();
    expect(screen.getByTestId("critical-note")).toHaveTextContent("Critical alerts always reach you");
    // Each control is named by its own label alone (not by the options inside it).
    expect(screen.getByRole("combobox", { name: "Push notifications from" })).toHaveValue("low");
    expect(screen.getByRole("combobox", { name: "Emails from" })).toHaveValue("high");
    expect(screen.getByRole("combobox", { name: "Time zone" })).toBeInTheDocument();
    expect(saveUnavailable()).toBe(true);
    fireEvent.click(save());
    expect(server.requestsTo("PUT", "/api/preferences")).toHaveLength(0);
  });

  it("saves a changed switch with the rest of the preferences, then says Saved", async () => {
    const server = install();
    await renderPage();
    fireEvent.click(screen.getByRole("checkbox", { name: "VoicePrint: Push" }));
    fireEvent.change(screen.getByLabelText("Emails from"), { target: { value: "medium" } });
    fireEvent.click(screen.getByLabelText("Do not disturb on all my devices"));
    expect(screen.getByTestId("preferences-status")).toHaveTextContent("Unsaved changes.");
    expect(saveUnavailable()).toBe(false);

    fireEvent.click(save());
    await waitFor(() => expect(screen.getByTestId("preferences-status")).toHaveTextContent("Saved."));
    const [put] = server.requestsTo("PUT", "/api/preferences");
    expect(put!.body.channels.voiceprint).toEqual({ toast: true, push: false, email: true });
    expect(put!.body.minSeverity).toEqual({ push: "low", email: "medium" });
    expect(put!.body.doNotDisturb).toBe(true);
    expect(server.preferences.channels.voiceprint.push).toBe(false);
    expect(saveUnavailable()).toBe(true);

    fireEvent.click(screen.getByRole("checkbox", { name: "VoicePrint: Push" }));
    expect(screen.getByTestId("preferences-status")).toHaveTextContent("Unsaved changes.");
  });

  it("sets quiet hours in the browser's time zone for someone who never saved", async () => {
    browserZoneIs("Europe/Paris");
    const server = install();
    await renderPage();
    const zone = screen.getByLabelText("Time zone") as HTMLSelectElement;
    expect(zone.value).toBe("Europe/Paris");
    expect(zone).toBeDisabled(); // until quiet hours are switched on
    fireEvent.click(screen.getByLabelText("Use quiet hours"));
    expect(zone).toBeEnabled();
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "23:00" } });
    fireEvent.change(screen.getByLabelText("Until"), { target: { value: "06:30" } });
    expect(screen.getByText("From 11:00 PM until 6:30 AM the next morning.")).toBeInTheDocument();
    fireEvent.click(save());
    await waitFor(() => expect(server.requestsTo("PUT", "/api/preferences")).toHaveLength(1));
    expect(server.requestsTo("PUT", "/api/preferences")[0]!.body.quietHours).toEqual({
      enabled: true,
      start: "23:00",
      end: "06:30",
      timeZone: "Europe/Paris",
    });
  });

  it("keeps a zone the user already chose, whatever the browser's", async () => {
    browserZoneIs("Europe/Paris");
    const server = install();
    server.preferences = { ...defaultPreferences(), quietHours: { enabled: true, start: "22:00", end: "07:00", timeZone: "Asia/Tokyo" } };
    await renderPage();
    expect((screen.getByLabelText("Time zone") as HTMLSelectElement).value).toBe("Asia/Tokyo");
    expect(screen.getByRole("option", { name: "Europe/Paris (this browser)" })).toBeInTheDocument();
  });

  it("lists what the server refused by field, and keeps the edits for another try", async () => {
    const server = install();
    await renderPage();
    fireEvent.click(screen.getByRole("checkbox", { name: "HomeTitle: Email" }));
    server.failNext("PUT", /^\/api\/preferences$/, 400, "invalid_body", [{ path: "quietHours.timeZone", message: "must be an IANA time zone such as Europe/Paris" }]);
    fireEvent.click(save());
    const error = await screen.findByTestId("preferences-error");
    expect(error).toHaveAttribute("role", "alert");
    expect(error).toHaveTextContent("Quiet hours time zone: must be an IANA time zone such as Europe/Paris");
    expect(screen.getByRole("checkbox", { name: "HomeTitle: Email" })).not.toBeChecked();

    fireEvent.click(save());
    await waitFor(() => expect(screen.getByTestId("preferences-status")).toHaveTextContent("Saved."));
    expect(screen.queryByTestId("preferences-error")).toBeNull();
    expect(server.preferences.channels.hometitle.email).toBe(false);
  });

  it("checks times before sending anything", async () => {
    const server = install();
    await renderPage();
    fireEvent.click(screen.getByLabelText("Use quiet hours"));
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "" } });
    fireEvent.click(save());
    expect(await screen.findByTestId("preferences-error")).toHaveTextContent("Quiet hours start: must be HH:MM (24-hour)");
    expect(server.requestsTo("PUT", "/api/preferences")).toHaveLength(0);
  });

  it("says so when Beacon cannot be reached while saving", async () => {
    const server = install();
    await renderPage();
    fireEvent.click(screen.getByRole("checkbox", { name: "DarkWatch: Push" }));
    server.failNext("PUT", /^\/api\/preferences$/, "network");
    fireEvent.click(save());
    expect(await screen.findByTestId("preferences-error")).toHaveTextContent("Could not reach Beacon");
    expect(screen.getByTestId("preferences-status")).not.toHaveTextContent("Saved.");
  });

  it("offers Try again when the preferences could not be loaded", async () => {
    const server = install();
    server.failNext("GET", /^\/api\/preferences$/, 503, "store_unavailable");
    render(() => <SettingsPage />);
    const page = await screen.findByTestId("settings-page");
    await within(page).findByText("Your settings are temporarily unavailable. Try again in a moment.");
    fireEvent.click(within(page).getAllByRole("button", { name: "Try again" })[0]!);
    expect(await screen.findByTestId("preferences-form")).toBeInTheDocument();
  });
});

describe("the settings page: family groups", () => {
  const groupsSection = () => screen.getByTestId("family-groups");
  const card = (name: string) => screen.getAllByTestId("group-card").find((el) => within(el).queryByRole("heading", { name }))!;

  it("creates a group, adds a member by account id and removes them again", async () => {
    const server = install();
    render(() => <SettingsPage />);
    await within(groupsSection()).findByText("You are not in any family group yet.");

    fireEvent.input(screen.getByLabelText("New group name"), { target: { value: "Family" } });
    fireEvent.click(screen.getByRole("button", { name: "Create group" }));
    await waitFor(() => expect(card("Family")).toBeDefined());
    expect(server.requestsTo("POST", "/api/groups")[0]!.body).toEqual({ name: "Family", members: [] });
    expect(within(card("Family")).getByText("You own this group")).toBeInTheDocument();

    const input = within(card("Family")).getByLabelText("Add a member by email or account id");
    fireEvent.input(input, { target: { value: " bob " } });
    fireEvent.click(within(card("Family")).getByRole("button", { name: "Add member" }));
    await waitFor(() => expect(within(card("Family")).getByText("Bob")).toBeInTheDocument());
    // The same card stays on screen, so a keyboard user keeps their place.
    expect(within(card("Family")).getByLabelText("Add a member by email or account id")).toBe(input);
    expect(server.requestsTo("PUT", /\/members$/)[0]!.body).toEqual({ members: ["alice", "bob"] });

    fireEvent.click(within(card("Family")).getByRole("button", { name: "Remove Bob from Family" }));
    await waitFor(() => expect(within(card("Family")).queryByText("Bob")).toBeNull());
    expect(server.groups[0]!.members.map((m) => m.id)).toEqual(["alice"]);
  });

  it("adds a member by email address: the server answers with their account", async () => {
    const server = install();
    server.addGroup("Family", "alice", []);
    render(() => <SettingsPage />);
    const family = await waitFor(() => card("Family"));
    fireEvent.input(within(family).getByLabelText("Add a member by email or account id"), { target: { value: "Carol@Example.com" } });
    fireEvent.click(within(family).getByRole("button", { name: "Add member" }));
    await waitFor(() => expect(within(family).getByText("Carol")).toBeInTheDocument());
    expect(server.requestsTo("PUT", /\/members$/)[0]!.body).toEqual({ members: ["alice", "Carol@Example.com"] });
  });

  it("names an account id that does not exist", async () => {
    const server = install();
    server.addGroup("Family", "alice", ["bob"]);
    render(() => <SettingsPage />);
    const family = await waitFor(() => card("Family"));
    fireEvent.input(within(family).getByLabelText("Add a member by email or account id"), { target: { value: "bobby" } });
    fireEvent.click(within(family).getByRole("button", { name: "Add member" }));
    expect(await within(family).findByRole("alert")).toHaveTextContent("No Beacon account with the email or id “bobby”");
    expect(within(family).queryByText("bobby")).toBeNull();
  });

  it("deletes a group only after a second, explicit confirmation", async () => {
    const server = install();
    server.addGroup("Family", "alice", ["bob"]);
    render(() => <SettingsPage />);
    const family = await waitFor(() => card("Family"));
    fireEvent.click(within(family).getByRole("button", { name: "Delete group" }));
    expect(server.requestsTo("DELETE", /^\/api\/groups\//)).toHaveLength(0);
    // The focus goes to the safe choice, and back to Delete group when it is taken.
    expect(within(family).getByRole("button", { name: "Keep it" })).toHaveFocus();
    fireEvent.click(within(family).getByRole("button", { name: "Keep it" }));
    expect(within(family).getByRole("button", { name: "Delete group" })).toHaveFocus();
    fireEvent.click(within(family).getByRole("button", { name: "Delete group" }));
    fireEvent.click(within(family).getByRole("button", { name: "Yes, delete" }));
    await within(groupsSection()).findByText("You are not in any family group yet.");
    expect(server.groups).toEqual([]);
    expect(screen.getByRole("heading", { name: "Family groups" })).toHaveFocus();
  });

  it("shows a group someone else owns without controls to change it", async () => {
    const server = install();
    server.addGroup("Bob's family", "bob", ["alice", "carol"]);
    render(() => <SettingsPage />);
    const family = await waitFor(() => card("Bob's family"));
    expect(within(family).getByText("Owned by Bob")).toBeInTheDocument();
    expect(within(family).getByRole("list", { name: "Members of Bob's family" }).children).toHaveLength(3);
    expect(within(family).queryByRole("button")).toBeNull();
    expect(within(family).queryByLabelText("Add a member by email or account id")).toBeNull();
  });

  it("refuses an empty group name without asking the server", async () => {
    const server = install();
    render(() => <SettingsPage />);
    await within(groupsSection()).findByText("You are not in any family group yet.");
    fireEvent.click(screen.getByRole("button", { name: "Create group" }));
    expect(await within(groupsSection()).findByRole("alert")).toHaveTextContent("Give the group a name.");
    expect(server.requestsTo("POST", "/api/groups")).toHaveLength(0);
  });
});
