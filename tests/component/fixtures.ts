import type { Alert } from "~/shared/alert";

/** A valid alert with overridable fields; ids and times default to something readable. */
export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: "a1",
    seq: 1,
    userId: "alice",
    service: "darkwatch",
    severity: "high",
    title: "Your email appeared in a new breach",
    body: "alice@example.com was found in a credential dump posted today.",
    createdAt: "2025-01-02T10:00:00.000Z",
    ...overrides,
  };
}
