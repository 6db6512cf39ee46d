/**
 * Delivery preferences and family groups over HTTP against the production build: sessions,
 * validation that names the field, owner checks, and a publish by groupId reaching every
 * member's socket.
 */
import { afterEach, describe, expect, inject, it } from "vitest";
import { defaultPreferences, type Preferences } from "~/shared/preferences";
import { type BeaconServer, startBeaconServer } from "../helpers/beacon-server";
import { createTestSchema, DATABASE_URL } from "../helpers/postgres";
import { post, sampleAlert, uniqueUserId } from "../helpers/publish";
import { mintToken } from "../helpers/tokens";
import { connect, type TestSocket } from "../helpers/ws-client";

const baseUrl = inject("baseUrl");
const authSecret = inject("authSecret");
const publishSecret = inject("publishSecret");
const open: TestSocket[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((socket) => socket.close()));
});

async function call(method: string, path: string, options: { cookie?: string; body?: unknown; raw?: string; type?: string } = {}) {
  const hasBody = options.body !== undefined || options.raw !== undefined;
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(hasBody ? { "content-type": options.type ?? "application/json" } : {}),
    },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function as(userId: string) {
  const cookie = `auth_token=${await mintToken(authSecret, userId)}`;
  return {
    get: (path: string) => call("GET", path, { cookie }),
    put: (path: string, body: unknown) => call("PUT", path, { cookie, body }),
    post: (path: string, body: unknown) => call("POST", path, { cookie, body }),
    delete: (path: string) => call("DELETE", path, { cookie }),
    raw: (method: string, path: string, raw: string, type?: string) => call(method, path, { cookie, raw, type }),
    socket: async () => {
      const socket = await connect(baseUrl, { cookie });
      open.push(socket);
      return socket;
    },
  };
}

function customised(): Preferences {
  const preferences = defaultPreferences();
  preferences.channels.spamshield = { toast: false, push: false, email: false };
  preferences.minSeverity = { push: "medium", email: "critical" };
  preferences.quietHours = { enabled: true, start: "22:30", end: "06:00", timeZone: "Europe/Paris" };
  return preferences;
}

describe("the preferences API", () => {
  it("refuses requests without a session with 401", async () => {
    for (const [method, path] of [["GET", "/api/preferences"], ["PUT", "/api/preferences"], ["GET", "/api/groups"], ["POST", "/api/groups"], ["DELETE", "/api/groups/x"], ["PUT", "/api/groups/x/members"]]) {
      const response = await call(method!, path!, method === "GET" || method === "DELETE" ? {} : { body: {} });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.body.error.code).toBe("unauthorized");
    }
  });

  it("answers the defaults until the user saves, then what they saved, for them only", async () => {
    const me = await as(uniqueUserId("pia"));
    const someoneElse = await as(uniqueUserId("quinn"));
    expect(await me.get("/api/preferences")).toEqual({ status: 200, body: { preferences: defaultPreferences() } });

    const saved = await me.put("/api/preferences", customised());
    expect(saved).toEqual({ status: 200, body: { preferences: customised() } });
    expect((await me.get("/api/preferences")).body.preferences).toEqual(customised());
    expect((await someoneElse.get("/api/preferences")).body.preferences).toEqual(defaultPreferences());
  });

  it("refuses invalid preferences with a 400 naming each field, and keeps the old ones", async () => {
    const me = await as(uniqueUserId("rio"));
    await me.put("/api/preferences", customised());
    const bad = customised() as any;
    bad.quietHours.timeZone = "Mars/Olympus_Mons";
    bad.minSeverity.push = "loud";
    bad.channels.darkwatch.sms = true;
    const response = await me.put("/api/preferences", bad);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_body");
    const paths = response.body.error.details.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["quietHours.timeZone", "minSeverity.push", "channels.darkwatch"]));
    expect((await me.get("/api/preferences")).body.preferences).toEqual(customised());

    const partial = await me.put("/api/preferences", { doNotDisturb: true });
    expect(partial.status).toBe(400);
    expect(partial.body.error.details.map((issue: { path: string }) => issue.path)).toContain("channels");
  });

  it("refuses a body that is not JSON (415) or not parseable (400)", async () => {
    const me = await as(uniqueUserId("sol"));
    expect((await me.raw("PUT", "/api/preferences", "doNotDisturb=true", "application/x-www-form-urlencoded")).status).toBe(415);
    const broken = await me.raw("PUT", "/api/preferences", "{nope");
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("invalid_json");
  });
});

describe("the family groups API", () => {
  it("creates a group whose owner and members see it, and nobody else", async () => {
    const alice = await as("alice");
    const name = `Family ${uniqueUserId("g")}`;
    const created = await alice.post("/api/groups", { name, members: ["bob", "bob", "alice"] });
    expect(created.status).toBe(201);
    expect(created.body.group).toMatchObject({
      name,
      ownerId: "alice",
      owned: true,
      members: [
        { id: "alice", name: "Alice Moreau" },
        { id: "bob", name: "Bob Okafor" },
      ],
    });
    const id = created.body.group.id;

    const bobs = (await (await as("bob")).get("/api/groups")).body.groups;
    expect(bobs.find((group: { id: string }) => group.id === id)).toMatchObject({ owned: false, ownerId: "alice" });
    const carols = (await (await as("carol")).get("/api/groups")).body.groups;
    expect(carols.some((group: { id: string }) => group.id === id)).toBe(false);
  });

  it("takes members by the email address of their account as well as by account id", async () => {
    const alice = await as("alice");
    // Any case, spaces around it; the owner named by email and a member named twice count once.
    const created = await alice.post("/api/groups", { name: `By email ${uniqueUserId("g")}`, members: [" Carol@Example.COM ", "alice@example.com", "carol"] });
    expect(created.status).toBe(201);
    expect(created.body.group.members).toEqual([
      { id: "alice", name: "Alice Moreau" },
      { id: "carol", name: "Carol Lindqvist" },
    ]);
    const changed = await alice.put(`/api/groups/${created.body.group.id}/members`, { members: ["bob@example.com"] });
    expect(changed.status).toBe(200);
    expect(changed.body.group.members.map((member: { id: string }) => member.id)).toEqual(["alice", "bob"]);
  });

  it("adds only existing accounts, naming each unknown one", async () => {
    const alice = await as("alice");
    const response = await alice.post("/api/groups", { name: "Typos", members: ["bob", "no-such-person", "carol", "nobody@example.com"] });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      { path: "members.1", message: "no account with this id or email" },
      { path: "members.3", message: "no account with this id or email" },
    ]);
    const notAnAddress = await alice.post("/api/groups", { name: "Typos", members: ["bob smith"] });
    expect(notAnAddress.status).toBe(400);
    expect(notAnAddress.body.error.details).toEqual([{ path: "members.0", message: "is neither an account id nor an email address" }]);
    const missingName = await alice.post("/api/groups", { name: "   ", members: [] });
    expect(missingName.status).toBe(400);
    expect(missingName.body.error.details[0].path).toBe("name");
  });

  it("lets only the owner change members (403 for a member, 404 for an outsider) or delete the group", async () => {
    const alice = await as("alice");
    const bob = await as("bob");
    const carol = await as("carol");
    const { id } = (await alice.post("/api/groups", { name: "Owners only", members: ["bob"] })).body.group;

    const byMember = await bob.put(`/api/groups/${id}/members`, { members: ["bob", "carol"] });
    expect(byMember.status).toBe(403);
    expect(byMember.body.error.code).toBe("forbidden");
    expect((await carol.put(`/api/groups/${id}/members`, { members: ["carol"] })).status).toBe(404);
    expect((await bob.delete(`/api/groups/${id}`)).status).toBe(403);
    expect((await carol.delete(`/api/groups/${id}`)).status).toBe(404);

    // Indexes refer to the list as sent, owner included, so the page can name the one refused.
    const unknownMember = await alice.put(`/api/groups/${id}/members`, { members: ["alice", "bob", "ghost"] });
    expect(unknownMember.status).toBe(400);
    expect(unknownMember.body.error.details).toEqual([{ path: "members.2", message: "no account with this id or email" }]);

    const changed = await alice.put(`/api/groups/${id}/members`, { members: ["carol"] });
    expect(changed.status).toBe(200);
    expect(changed.body.group.members.map((member: { id: string }) => member.id)).toEqual(["alice", "carol"]);
    expect((await bob.get("/api/groups")).body.groups.some((group: { id: string }) => group.id === id)).toBe(false);

    expect((await alice.delete(`/api/groups/${id}`)).status).toBe(204);
    expect((await alice.get("/api/groups")).body.groups.some((group: { id: string }) => group.id === id)).toBe(false);
    expect((await alice.delete(`/api/groups/${id}`)).status).toBe(404);
    expect((await alice.put(`/api/groups/not a group/members`, { members: [] })).status).toBe(404);
  });
});

describe("publishing to a family group", () => {
  it("delivers one alert to each member's socket, with an id of its own", async () => {
    const alice = await as("alice");
    const { id } = (await alice.post("/api/groups", { name: "Publish target", members: ["bob", "carol"] })).body.group;
    const sockets = { alice: await alice.socket(), bob: await (await as("bob")).socket(), carol: await (await as("carol")).socket() };

    const title = `Deed change ${uniqueUserId("t")}`;
    const response = await post(baseUrl, "/api/alerts", { groupId: id, ...sampleAlert({ service: "hometitle", severity: "critical", title }) }, publishSecret);
    expect(response.status).toBe(202);
    expect(response.body.alerts.map((a: { userId: string }) => a.userId).sort()).toEqual(["alice", "bob", "carol"]);
    expect(new Set(response.body.alerts.map((a: { alertId: string }) => a.alertId)).size).toBe(3);

    for (const [userId, socket] of Object.entries(sockets)) {
      const frame = await socket.waitFor("alert", 3000, (f) => f.alert.title === title);
      expect(frame.alert).toMatchObject({ userId, service: "hometitle", severity: "critical" });
    }
  });

  it("answers 404 for an unknown group, and 400 when a recipient is given twice", async () => {
    const missing = await post(baseUrl, "/api/alerts", { groupId: "00000000-0000-0000-0000-000000000000", ...sampleAlert() }, publishSecret);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: "not_found", details: [{ path: "groupId" }] });

    const both = await post(baseUrl, "/api/alerts", { groupId: "abc", userId: "bob", ...sampleAlert() }, publishSecret);
    expect(both.status).toBe(400);
    expect(both.body.error.details[0]).toMatchObject({ message: "give exactly one of userId, userIds or groupId" });
    expect((await post(baseUrl, "/api/alerts", { groupId: "abc", ...sampleAlert() })).status).toBe(401);
  });
});

describe.runIf(DATABASE_URL)("on a server whose store is PostgreSQL", () => {
  it("keeps preferences and groups, and publishes to a group", async () => {
    const schema = (await createTestSchema())!;
    let server: BeaconServer | undefined;
    try {
      server = await startBeaconServer({ DATABASE_URL: schema.url });
      const at = server.url;
      const cookie = `auth_token=${await mintToken(authSecret, "alice")}`;
      const send = (method: string, path: string, body?: unknown) =>
        fetch(new URL(path, at), { method, headers: { cookie, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

      expect((await send("PUT", "/api/preferences", customised())).status).toBe(200);
      expect(await (await send("GET", "/api/preferences")).json()).toEqual({ preferences: customised() });
      const created = await send("POST", "/api/groups", { name: "On Postgres", members: ["carol"] });
      expect(created.status).toBe(201);
      const { group } = await created.json();
      const published = await post(at, "/api/alerts", { groupId: group.id, ...sampleAlert() }, publishSecret);
      expect(published.status).toBe(202);
      expect(published.body.alerts.map((a: { userId: string }) => a.userId).sort()).toEqual(["alice", "carol"]);
    } finally {
      await server?.stop();
      await schema.drop();
    }
  });
});
