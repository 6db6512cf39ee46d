/**
 * The settings API at the network boundary of a component test: `fetch` answers
 * /api/preferences and /api/groups from memory, validating bodies with the same shared
 * schemas the server uses, and answering errors in the server's JSON shape. Anything else
 * goes to `fallback` (e.g. a FakeBeacon for the session and inbox).
 */
import { vi } from "vitest";
import { CreateGroupSchema, type GroupView, SetMembersSchema } from "~/shared/groups";
import { defaultPreferences, type Preferences, PreferencesSchema } from "~/shared/preferences";
import { jsonResponse } from "./fake-beacon";

export const ACCOUNTS: Record<string, string> = { alice: "Alice", bob: "Bob", carol: "Carol" };

/** A member as the page names one, an account id or `<id>@example.com` (any case), as the server resolves it. */
function accountIdOf(ref: string): string | undefined {
  if (ACCOUNTS[ref]) return ref;
  const [local, domain] = ref.toLowerCase().split("@");
  return domain === "example.com" && local && ACCOUNTS[local] ? local : undefined;
}

interface Recorded {
  method: string;
  path: string;
  body: any;
}

function issues(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }) {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(root)", message: issue.message }));
}

export class FakeSettingsServer {
  preferences: Preferences = defaultPreferences();
  groups: GroupView[] = [];
  readonly requests: Recorded[] = [];
  private failures: Array<{ method: string; path: RegExp; respond: () => Response | Promise<Response> }> = [];
  private nextId = 1;

  constructor(
    readonly me = "alice",
    private readonly fallback?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>,
  ) {}

  /** The next matching request gets this answer instead (a status + error body, or a network failure). */
  failNext(method: string, path: RegExp, status: number | "network", code = "internal", details?: unknown) {
    this.failures.push({
      method,
      path,
      respond: () => {
        if (status === "network") throw new TypeError("Failed to fetch");
        return jsonResponse(status, { error: { code, message: "from the fake", ...(details ? { details } : {}) } });
      },
    });
  }

  addGroup(name: string, ownerId: string, members: string[]): GroupView {
    const group: GroupView = {
      id: `g${this.nextId++}`,
      name,
      ownerId,
      members: [ownerId, ...members.filter((id) => id !== ownerId)].map((id) => ({ id, name: ACCOUNTS[id] ?? id })),
      createdAt: new Date().toISOString(),
      owned: ownerId === this.me,
    };
    this.groups.push(group);
    return group;
  }

  requestsTo(method: string, path: string | RegExp) {
    return this.requests.filter((r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)));
  }

  readonly fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), "http://localhost");
    const method = (init.method ?? "GET").toUpperCase();
    const path = url.pathname;
    if (!path.startsWith("/api/preferences") && !path.startsWith("/api/groups")) {
      if (this.fallback) return this.fallback(input, init);
      return jsonResponse(404, { error: { code: "not_found", message: "no such route in the fake" } });
    }
    const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    this.requests.push({ method, path, body });
    const failure = this.failures.findIndex((f) => f.method === method && f.path.test(path));
    if (failure !== -1) return this.failures.splice(failure, 1)[0]!.respond();
    return this.answer(method, path, body);
  });

  private answer(method: string, path: string, body: unknown): Response {
    const invalid = (error: Parameters<typeof issues>[0]) =>
      jsonResponse(400, { error: { code: "invalid_body", message: "body failed validation", details: issues(error) } });
    if (path === "/api/preferences") {
      if (method === "GET") return jsonResponse(200, { preferences: this.preferences });
      const parsed = PreferencesSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      this.preferences = parsed.data;
      return jsonResponse(200, { preferences: this.preferences });
    }
    if (path === "/api/groups") {
      if (method === "GET") return jsonResponse(200, { groups: this.groups });
      const parsed = CreateGroupSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      return jsonResponse(201, { group: this.addGroup(parsed.data.name, this.me, parsed.data.members) });
    }
    const match = /^\/api\/groups\/([^/]+)(\/members)?$/.exec(path);
    const group = match && this.groups.find((g) => g.id === decodeURIComponent(match[1]!));
    if (!group) return jsonResponse(404, { error: { code: "not_found", message: "no such family group" } });
    if (!group.owned) return jsonResponse(403, { error: { code: "forbidden", message: "only the owner" } });
    if (method === "DELETE" && !match[2]) {
      this.groups = this.groups.filter((g) => g !== group);
      return new Response(null, { status: 204 });
    }
    const parsed = SetMembersSchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    const resolved = parsed.data.members.map(accountIdOf);
    const unknown = resolved.flatMap((id, index) => (id ? [] : [{ path: `members.${index}`, message: "no account with this id or email" }]));
    if (unknown.length) return jsonResponse(400, { error: { code: "invalid_body", message: "only existing accounts", details: unknown } });
    const ids = [group.ownerId, ...new Set((resolved as string[]).filter((id) => id !== group.ownerId))];
    group.members = ids.map((id) => ({ id, name: ACCOUNTS[id]! }));
    return jsonResponse(200, { group });
  }
}
