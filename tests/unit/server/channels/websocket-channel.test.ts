import { describe, expect, it } from "vitest";
import { createMemoryBus } from "~/server/bus/memory";
import type { BusMessage } from "~/server/bus/types";
import { createWebSocketChannel } from "~/server/channels/websocket";
import { createLocalPresence } from "~/server/realtime/presence";
import { PeerRegistry } from "~/server/realtime/peer-registry";
import type { Alert } from "~/shared/alert";
import { connectionFor, recordingSocket } from "../recording-socket";

const alert: Alert = {
  id: "a-1",
  userId: "alice",
  seq: 1,
  service: "darkwatch",
  severity: "high",
  title: "Your email was exposed",
  body: "Change your password.",
  createdAt: new Date().toISOString(),
};

function setup(silenceReason?: Parameters<typeof createWebSocketChannel>[2]) {
  const registry = new PeerRegistry();
  const bus = createMemoryBus((error) => {
    throw error;
  });
  const heard: BusMessage[] = [];
  bus.subscribe((message) => heard.push(message));
  const channel = createWebSocketChannel(bus, createLocalPresence(registry), silenceReason);
  return { registry, heard, channel };
}

describe("the socket rung", () => {
  it("with a socket here and the policy at hand it answers at once, not with a promise, and the bus has the alert", () => {
    const { registry, heard, channel } = setup(() => null);
    registry.add(connectionFor("alice", recordingSocket()));
    const outcome = channel.deliver(alert);
    expect(outcome).not.toBeInstanceOf(Promise);
    expect(outcome).toMatchObject({ channel: "websocket", status: "delivered", detail: "1 socket(s)" });
    expect(heard).toEqual([{ type: "alert", alert }]);
  });

  it("with no socket anywhere it skips, and publishes nothing", () => {
    const { heard, channel } = setup();
    expect(channel.deliver(alert)).toMatchObject({ status: "skipped", reason: "no_live_socket" });
    expect(heard).toEqual([]);
  });

  it("a policy read later (a promise) silences the frame once it answers", async () => {
    const { registry, heard, channel } = setup(async () => "do_not_disturb");
    registry.add(connectionFor("alice", recordingSocket()));
    const outcome = channel.deliver(alert);
    expect(outcome).toBeInstanceOf(Promise);
    expect(await outcome).toMatchObject({ status: "delivered", detail: "1 socket(s), silent: do_not_disturb" });
    expect(heard).toEqual([{ type: "alert", alert, silent: true }]);
  });

  it("a policy that cannot be read, at once or later, does not hold the alert back: it toasts", async () => {
    for (const silenceReason of [
      () => {
        throw new Error("preferences unreadable");
      },
      () => Promise.reject(new Error("preferences store down")),
    ]) {
      const { registry, heard, channel } = setup(silenceReason);
      registry.add(connectionFor("alice", recordingSocket()));
      expect(await channel.deliver(alert)).toMatchObject({ status: "delivered", detail: "1 socket(s)" });
      expect(heard).toEqual([{ type: "alert", alert }]);
    }
  });
});
