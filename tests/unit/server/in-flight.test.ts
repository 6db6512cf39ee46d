import { describe, expect, it } from "vitest";
import type { AlertPublisher } from "../../../src/server/services/alert.publisher";
import { trackInFlight } from "../../../src/server/services/in-flight";
import type { AlertInput } from "../../../src/shared/alert";
import { sampleAlert } from "../../helpers/publish";

const sampleAlertInput = () => sampleAlert() as AlertInput;

/** A publisher whose publishes settle when the test says so. */
function heldPublisher() {
  const pending: Array<() => void> = [];
  let calls = 0;
  const publisher: AlertPublisher = {
    publishAlert: (userId) =>
      new Promise((resolve) => {
        calls++;
        pending.push(() => resolve({ alertId: "a", userId, status: "delivered_live", channel: "websocket", attempts: [] }));
      }),
    publishToGroup: async () => {
      calls++;
      return [];
    },
  };
  return { publisher, pending, calls: () => calls };
}

describe("trackInFlight", () => {
  it("counts publishes in progress; idle resolves once they settle", async () => {
    const held = heldPublisher();
    const { publisher, inFlight } = trackInFlight(held.publisher);
    const published = publisher.publishAlert("alice", sampleAlertInput());
    expect(inFlight.count).toBe(1);
    const idle = inFlight.idle(5000);
    held.pending[0]!();
    await published;
    expect(await idle).toBe(true);
    expect(inFlight.count).toBe(0);
  });

  it("idle gives up after its timeout while a publish is still in progress", async () => {
    const held = heldPublisher();
    const { publisher, inFlight } = trackInFlight(held.publisher);
    void publisher.publishAlert("alice", sampleAlertInput());
    expect(await inFlight.idle(20)).toBe(false);
    expect(inFlight.count).toBe(1);
  });

  it("once it stops accepting, refuses new publishes with 503 server_draining and lets those in progress finish", async () => {
    const held = heldPublisher();
    const { publisher, inFlight } = trackInFlight(held.publisher);
    const inProgress = publisher.publishAlert("alice", sampleAlertInput());
    inFlight.stopAccepting();

    await expect(publisher.publishAlert("bob", sampleAlertInput())).rejects.toMatchObject({
      status: 503,
      code: "server_draining",
      headers: { "retry-after": "1" },
    });
    await expect(publisher.publishToGroup(["bob", "carol"], sampleAlertInput())).rejects.toMatchObject({ status: 503, code: "server_draining" });
    // Refused before the publisher: nothing stored, nothing counted.
    expect(held.calls()).toBe(1);
    expect(inFlight.count).toBe(1);

    const idle = inFlight.idle(5000);
    held.pending[0]!();
    await expect(inProgress).resolves.toMatchObject({ userId: "alice", status: "delivered_live" });
    expect(await idle).toBe(true);
  });
});
