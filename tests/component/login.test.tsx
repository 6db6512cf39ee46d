import { fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import Login from "~/routes/login";
import { routedApp } from "./router";

function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

async function signInAs(email: string, password: string) {
  fireEvent.input(screen.getByLabelText("Email"), { target: { value: email } });
  fireEvent.input(screen.getByLabelText("Password"), { target: { value: password } });
  const button = screen.getByRole("button", { name: "Sign in" });
  await waitFor(() => expect(button).toBeEnabled());
  fireEvent.click(button);
}

const pages = { "/login": Login, "/dashboard": () => <p>Dashboard page</p>, "/settings": () => <p>Settings page</p> };

afterEach(() => vi.unstubAllGlobals());

describe("sign-in page", () => {
  it("shows the demo accounts", async () => {
    const { App } = routedApp("/login", pages);
    render(() => <App />);
    expect(await screen.findByText(/alice@example.com/)).toBeInTheDocument();
    expect(screen.getByText("beacon-demo")).toBeInTheDocument();
  });

  it("explains a wrong password in an alert and stays on the page", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(401, { error: { code: "invalid_credentials", message: "x" } })));
    const { App, currentPath } = routedApp("/login", pages);
    render(() => <App />);
    await screen.findByLabelText("Email");
    await signInAs("alice@example.com", "wrong");
    expect(await screen.findByRole("alert")).toHaveTextContent("do not match");
    expect(currentPath()).toBe("/login");
  });

  it("returns to the page named in next after signing in", async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { user: { id: "alice", email: "alice@example.com", name: "Alice", role: "user" } }));
    vi.stubGlobal("fetch", fetchMock);
    const { App, currentPath } = routedApp(`/login?next=${encodeURIComponent("/settings?tab=2")}`, pages);
    render(() => <App />);
    await screen.findByLabelText("Email");
    await signInAs("alice@example.com", "beacon-demo");
    expect(await screen.findByText("Settings page")).toBeInTheDocument();
    expect(currentPath()).toBe("/settings?tab=2");
    expect(fetchMock).toHaveBeenCalledWith("/api/auth/login", expect.objectContaining({ method: "POST" }));
  });

  it.each(["//evil.example/steal", "https://evil.example/", "/\\evil.example"])(
    "ignores a next (%s) that leaves the site and goes to the dashboard",
    async (next) => {
      vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(200, { user: { id: "alice", email: "a", name: "A", role: "user" } })));
      const { App, currentPath } = routedApp(`/login?next=${encodeURIComponent(next)}`, pages);
      render(() => <App />);
      await screen.findByLabelText("Email");
      await signInAs("alice@example.com", "beacon-demo");
      expect(await screen.findByText("Dashboard page")).toBeInTheDocument();
      expect(currentPath()).toBe("/dashboard");
    },
  );
});
