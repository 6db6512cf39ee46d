import { render, screen } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { AlertToast } from "~/components/AlertToast";
import { makeAlert } from "./fixtures";

describe("AlertToast", () => {
  it("shows the title, service label, severity and the action link", () => {
    render(() => (
      <AlertToast alert={makeAlert({ severity: "critical", actionUrl: "/dashboard?alert=a1", actionLabel: "Review breach" })} />
    ));
    const toast = screen.getByTestId("alert-toast");
    expect(toast).toHaveTextContent("Your email appeared in a new breach");
    expect(toast).toHaveTextContent("DarkWatch");
    expect(toast).toHaveTextContent("critical");
    const link = screen.getByRole("link", { name: "Review breach" });
    expect(link).toHaveAttribute("href", "/dashboard?alert=a1");
    expect(link).not.toHaveAttribute("target");
  });

  it("prefers the teaser over the full body", () => {
    render(() => <AlertToast alert={makeAlert({ teaser: "Short version", body: "Long version" })} />);
    expect(screen.getByTestId("alert-toast")).toHaveTextContent("Short version");
    expect(screen.getByTestId("alert-toast")).not.toHaveTextContent("Long version");
  });

  it("opens an external action link in a new tab without handing over the opener", () => {
    render(() => <AlertToast alert={makeAlert({ actionUrl: "https://example.com/breach" })} />);
    const link = screen.getByRole("link", { name: "View details" });
    expect(link).toHaveAttribute("href", "https://example.com/breach");
    expect(link).toHaveAttribute("target", "_blank");
    expect(link).toHaveAttribute("rel", "noopener noreferrer");
  });

  it.each(["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x"])(
    "never renders a link for %s",
    (actionUrl) => {
      const { container } = render(() => <AlertToast alert={makeAlert({ actionUrl, actionLabel: "Click me" })} />);
      expect(screen.queryByRole("link")).toBeNull();
      expect(container.querySelector("a")).toBeNull();
    },
  );

  it("renders no link when the alert has no action", () => {
    render(() => <AlertToast alert={makeAlert()} />);
    expect(screen.queryByRole("link")).toBeNull();
  });
});
