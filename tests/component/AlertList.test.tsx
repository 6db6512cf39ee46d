import { render, screen, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { describe, expect, it } from "vitest";
import { AlertList } from "~/components/AlertList";
import type { Alert } from "~/shared/alert";
import { makeAlert } from "./fixtures";

describe("AlertList", () => {
  it("lists alerts newest first, whatever order they arrived in", () => {
    const alerts = [
      makeAlert({ id: "old", title: "Oldest", createdAt: "2025-01-02T10:00:00.000Z" }),
      makeAlert({ id: "new", title: "Newest", service: "voiceprint", createdAt: "2025-01-02T10:02:00.000Z" }),
      makeAlert({ id: "mid", title: "Middle", service: "hometitle", createdAt: "2025-01-02T10:01:00.000Z" }),
    ];
    render(() => <AlertList alerts={alerts} />);
    const items = within(screen.getByTestId("alert-list")).getAllByTestId("alert-item");
    expect(items.map((item) => item.querySelector("h3")?.textContent)).toEqual(["Newest", "Middle", "Oldest"]);
  });

  it("shows title, service label, severity and time on each item", () => {
    render(() => <AlertList alerts={[makeAlert({ service: "removebrokers", severity: "medium" })]} />);
    const item = screen.getByTestId("alert-item");
    expect(item).toHaveTextContent("Your email appeared in a new breach");
    expect(item).toHaveTextContent("RemoveBrokers");
    expect(item).toHaveTextContent("medium");
    expect(item.querySelector("time")).toHaveAttribute("datetime", "2025-01-02T10:00:00.000Z");
    expect(item.querySelector("time")?.textContent).not.toBe("");
  });

  it("puts a newly arrived alert at the top", () => {
    const [alerts, setAlerts] = createSignal<readonly Alert[]>([makeAlert({ id: "first", title: "First" })]);
    render(() => <AlertList alerts={alerts()} />);
    setAlerts((current) => [makeAlert({ id: "second", title: "Second", createdAt: "2025-01-02T11:00:00.000Z" }), ...current]);
    const items = screen.getAllByTestId("alert-item");
    expect(items[0]).toHaveTextContent("Second");
    expect(items).toHaveLength(2);
  });

  it("says so when there are no alerts yet", () => {
    render(() => <AlertList alerts={[]} />);
    expect(screen.getByText(/No alerts yet/)).toBeInTheDocument();
    expect(screen.queryAllByTestId("alert-item")).toHaveLength(0);
  });
});
