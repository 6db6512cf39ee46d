import { render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RequireSession } from "~/components/RequireSession";
import { routedApp } from "./router";

const Protected = () => (
  <RequireSession>{(session) => <p>Signed in as {session.user.email}</p>}</RequireSession>
);
const pages = { "/dashboard": Protected, "/login": () => <p>Sign-in page</p> };

afterEach(() => vi.unstubAllGlobals());

describe("RequireSession", () => {
  it("sends a visitor without a session to sign-in, remembering where they were, without rendering the page", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ error: { code: "unauthorized" } }), { status: 401 })));
    const { App, currentPath } = routedApp("/dashboard?view=all", pages);
    render(() => <App />);
    expect(await screen.findByText("Sign-in page")).toBeInTheDocument();
    expect(currentPath()).toBe(`/login?next=${encodeURIComponent("/dashboard?view=all")}`);
    expect(screen.queryByText(/Signed in as/)).toBeNull();
  });

  it("renders the page with the session once the server confirms it", async () => {
    const session = { user: { id: "bob", email: "bob@example.com", name: "Bob", role: "user" }, expiresAt: "2030-01-01T00:00:00.000Z", features: { simulator: false } };
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify(session), { status: 200 })));
    const { App } = routedApp("/dashboard", pages);
    render(() => <App />);
    expect(await screen.findByText("Signed in as bob@example.com")).toBeInTheDocument();
  });

  it("offers to try again when the session could not be checked", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => { throw new TypeError("network down"); }));
    const { App, currentPath } = routedApp("/dashboard", pages);
    render(() => <App />);
    expect(await screen.findByRole("button", { name: "Try again" })).toBeInTheDocument();
    expect(currentPath()).toBe("/dashboard");
  });
});
