/**
 * One contract for the delivery ladder's state, on every store: embedded SQLite always,
 * PostgreSQL when DATABASE_URL is set (a private schema per run). Claims, leases, fenced
 * writes and acknowledgements are what make the ladder safe across restarts and servers.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEscalationStore, type EscalationStore } from "~/server/ladder/escalation-store";
import type { AlertStore, UnsequencedAlert } from "~/server/store/types";
import { STORE_BACKENDS } from "../../../helpers/store-backends";

let counter = 0;
function anAlert(userId: string, createdAt = new Date("2026-11-29T12:00:00.000Z")): UnsequencedAlert {
  counter++;
  return {
    id: `E${String(counter).padStart(8, "0")}${Math.random().toString(36).slice(2, 8)}`,
    userId,
    service: "darkwatch",
    severity: "high",
    title: `Alert ${counter}`,
    body: "Change your password.",
    createdAt: createdAt.toISOString(),
  };
}

const T0 = Date.parse("2026-11-29T12:00:00.000Z");

describe.each(STORE_BACKENDS)("EscalationStore contract: $name", (backend) => {
  let store: AlertStore;
  let second: () => AlertStore;
  let cleanup: () => Promise<void>;
  let escalations: EscalationStore;
  const extra: AlertStore[] = [];

  beforeEach(async () => {
    ({ store, reopen: second, cleanup } = await backend.open());
    await store.ready();
    escalations = createEscalationStore(store);
  });
  afterEach(async () => {
    for (const handle of extra.splice(0)) await handle.close();
    await store.close();
    await cleanup();
  });

  it("every inserted alert has an escalation at step socket, due the ack window after createdAt", async () => {
    const [a, b] = await store.insert([anAlert("alice"), anAlert("bob")], { escalateAfterMs: 10_000 });
    for (const alert of [a!, b!]) {
      expect(await escalations.get(alert.id)).toEqual({
        alertId: alert.id,
        userId: alert.userId,
        step: "socket",
        dueAt: T0 + 10_000,
        attempts: 0,
        pending: null,
        acknowledgedAt: null,
        ackChannel: null,
      });
    }
  });

  it("a refused insert leaves no escalation behind (same transaction)", async () => {
    const [existing] = await store.insert([anAlert("carol")]);
    const fresh = anAlert("alice");
    await expect(store.insert([fresh, { ...anAlert("carol"), id: existing!.id }])).rejects.toThrow();
    expect(await escalations.get(fresh.id)).toBeNull();
  });

  it("claims only what is due, and nothing twice while the lease holds", async () => {
    const [due] = await store.insert([anAlert("alice")], { escalateAfterMs: 1_000 });
    await store.insert([anAlert("alice")], { escalateAfterMs: 60_000 });
    expect(await escalations.claimDue(T0 + 999, 5_000, 10)).toEqual([]);
    const [claim, ...rest] = await escalations.claimDue(T0 + 1_000, 5_000, 10);
    expect(rest).toEqual([]);
    expect(claim).toMatchObject({ alertId: due!.id, step: "socket", leaseUntil: T0 + 6_000, token: expect.any(String) });
    expect(await escalations.claimDue(T0 + 5_999, 5_000, 10)).toEqual([]);
    // The holder died: once the lease ran out someone else resumes it, and the old holder's writes are refused.
    const [again] = await escalations.claimDue(T0 + 6_001, 5_000, 10);
    expect(again).toMatchObject({ alertId: due!.id });
    expect(again!.token).not.toBe(claim!.token);
    expect(await escalations.advance(claim!, { step: "push", dueAt: T0, attempts: 0 })).toBe(false);
    expect(await escalations.advance(again!, { step: "push_wait", dueAt: T0 + 30_000, attempts: 0 })).toBe(true);
    expect(await escalations.get(due!.id)).toMatchObject({ step: "push_wait", dueAt: T0 + 30_000 });
  });

  it("two stores on one database claiming at once never get the same escalation", async () => {
    const other = second();
    extra.push(other);
    await other.ready();
    const otherEscalations = createEscalationStore(other);
    const alerts = await store.insert(Array.from({ length: 40 }, (_, i) => anAlert(`user${i}`)), { escalateAfterMs: 0 });
    const rounds = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? escalations : otherEscalations).claimDue(T0 + 1, 60_000, 7)),
    );
    const claimed = rounds.flat().map((claim) => claim.alertId);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.length).toBe(40);
    expect(new Set(claimed)).toEqual(new Set(alerts.map((alert) => alert.id)));
  });

  it("advance keeps the lease when asked (mark before doing), and releases it otherwise", async () => {
    const [alert] = await store.insert([anAlert("alice")]);
    const [claim] = await escalations.claimDue(T0, 60_000, 1);
    expect(await escalations.advance(claim!, { step: "email_sending", dueAt: claim!.leaseUntil, attempts: 1 }, { keepLease: true })).toBe(true);
    expect(await escalations.claimDue(T0 + 1_000, 60_000, 1)).toEqual([]);
    expect(await escalations.advance(claim!, { step: "email", dueAt: T0 + 2_000, attempts: 1, pending: ["sub-1"] })).toBe(true);
    const [next] = await escalations.claimDue(T0 + 2_000, 60_000, 1);
    expect(next).toMatchObject({ alertId: alert!.id, step: "email", attempts: 1, pending: ["sub-1"] });
  });

  it("a step's records are written with its move, and kept even when the claim was lost (the step did happen)", async () => {
    const [alert] = await store.insert([anAlert("alice")]);
    const [claim] = await escalations.claimDue(T0, 1_000, 1);
    const record = (detail: string) => ({ alertId: alert!.id, channel: "push" as const, status: "delivered" as const, at: new Date(T0).toISOString(), detail });
    expect(await escalations.advance(claim!, { step: "push_wait", dueAt: T0 + 5, attempts: 0 }, { records: [record("first")] })).toBe(true);
    const [late] = await escalations.claimDue(T0 + 5, 1_000, 1);
    await escalations.claimDue(T0 + 2_000, 1_000, 1); // the lease ran out and someone else took it
    expect(await escalations.advance(late!, { step: "email", dueAt: T0, attempts: 0 }, { records: [record("second")] })).toBe(false);
    const detail = await store.get("alice", alert!.id);
    expect(detail!.deliveries.map((d) => d.detail)).toEqual(["first", "second"]);
  });

  it("skipSocket moves an unclaimed socket step to push at once, and nothing else", async () => {
    const [alert] = await store.insert([anAlert("alice")], { escalateAfterMs: 10_000 });
    expect(await escalations.skipSocket(alert!.id, T0 + 5)).toBe(true);
    expect(await escalations.get(alert!.id)).toMatchObject({ step: "push", dueAt: T0 + 5 });
    expect(await escalations.skipSocket(alert!.id, T0 + 6)).toBe(false);
  });

  it("the first ack ends the ladder; later ones change nothing; another user's ack is not_found", async () => {
    const [alert] = await store.insert([anAlert("alice")]);
    expect(await escalations.acknowledge("bob", alert!.id, "websocket", new Date(T0 + 1), "a tab showed it")).toBe("not_found");
    expect(await escalations.acknowledge("alice", "no-such-alert", "websocket", new Date(T0 + 1), "a tab showed it")).toBe("not_found");
    expect(await escalations.acknowledge("alice", alert!.id, "push", new Date(T0 + 2), "the notification was shown")).toBe("acknowledged");
    expect(await escalations.acknowledge("alice", alert!.id, "websocket", new Date(T0 + 3), "a tab showed it")).toBe("already_acknowledged");
    expect(await escalations.get(alert!.id)).toMatchObject({ step: "done", acknowledgedAt: new Date(T0 + 2).toISOString(), ackChannel: "push" });
    expect(await escalations.claimDue(T0 + 60_000, 60_000, 10)).toEqual([]);
    // Only the winning ack is on record, written with it.
    const acks = (await store.get("alice", alert!.id))!.deliveries.filter((record) => record.status === "acknowledged");
    expect(acks).toEqual([{ channel: "push", status: "acknowledged", at: new Date(T0 + 2).toISOString(), detail: "the notification was shown" }]);
  });

  it("an ack while a server holds the claim stops that server's next write", async () => {
    const [alert] = await store.insert([anAlert("alice")]);
    const [claim] = await escalations.claimDue(T0, 60_000, 1);
    expect(await escalations.acknowledge("alice", alert!.id, "websocket", new Date(T0 + 1), "a tab showed it")).toBe("acknowledged");
    expect(await escalations.advance(claim!, { step: "email_sending", dueAt: T0, attempts: 1 }, { keepLease: true })).toBe(false);
    expect(await escalations.get(alert!.id)).toMatchObject({ step: "done" });
  });

  it("pruning an alert removes its escalation", async () => {
    const [alert] = await store.insert([anAlert("alice", new Date("2026-01-01T00:00:00.000Z"))]);
    expect(await store.prune(new Date("2026-06-01T00:00:00.000Z"), 10)).toBe(1);
    expect(await escalations.get(alert!.id)).toBeNull();
  });
});
