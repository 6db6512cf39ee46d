import { describe, expect, it } from "vitest";
import { type BeaconEvent, createEventHub } from "~/server/observe/events";
import type { AlertInput } from "~/shared/alert";
import { localBeacon } from "./local-beacon";

const exposure: AlertInput = { service: "darkwatch", severity: "high", title: "Password found on a paste site", body: "Rotate it." };

describe("the event hub", () => {
  it("tells every listener, and a listener that throws neither stops the others nor reaches the emitter", () => {
    const errors: unknown[] = [];
    const hub = createEventHub((error) => errors.push(error));
    const seen: string[] = [];
    hub.subscribe(() => {
      throw new Error("dashboard bug");
    });
    const unsubscribe = hub.subscribe((event) => seen.push(event.type));
    const event: BeaconEvent = { type: "connection", at: new Date().toISOString(), userId: "bob", change: "opened", sockets: 1 };

    hub.emit(event);
    unsubscribe();
    hub.emit(event);

    expect(seen).toEqual(["connection"]);
    expect(errors).toHaveLength(2);
  });

  it("hears an accepted alert, each delivery outcome and each socket opening and closing", async () => {
    const beacon = localBeacon();
    const events: BeaconEvent[] = [];
    beacon.events.subscribe((event) => events.push(event));
    const tab = await beacon.connect("carol");

    const report = await beacon.publisher.publishAlert("carol", exposure);
    beacon.registry.remove(tab);

    expect(events.map((event) => event.type)).toEqual(["connection", "published", "delivery", "connection"]);
    const [opened, published, delivery, closed] = events;
    expect(opened).toMatchObject({ change: "opened", sockets: 1, userId: "carol" });
    expect(published).toMatchObject({ alert: { id: report.alertId, userId: "carol", service: "darkwatch", severity: "high" } });
    expect(delivery).toMatchObject({ alertId: report.alertId, channel: "websocket", status: "delivered", detail: "1 socket(s)" });
    expect(delivery?.type === "delivery" && delivery.latencyMs).toBeGreaterThanOrEqual(0);
    expect(closed).toMatchObject({ change: "closed", sockets: 0 });
  });
});
