import { describe, expect, it } from "vitest";
import { PeerRegistry } from "~/server/realtime/peer-registry";
import { connectionFor, recordingSocket } from "./recording-socket";

describe("the registry of open sockets", () => {
  it("tracks a user's sockets as they open and close", () => {
    const registry = new PeerRegistry();
    const tab1 = recordingSocket();
    const tab2 = recordingSocket();
    registry.add(connectionFor("alice", tab1));
    registry.add(connectionFor("alice", tab2));

    expect(registry.countFor("alice")).toBe(2);
    expect(registry.size).toBe(2);
    expect(registry.get(tab1.id)?.userId).toBe("alice");

    const removed = registry.remove({ id: tab1.id });
    expect(removed?.socket).toBe(tab1);
    expect(registry.countFor("alice")).toBe(1);
    expect(registry.get(tab1.id)).toBeUndefined();
  });

  it("removing a socket twice (close and error both fire) is harmless", () => {
    const registry = new PeerRegistry();
    const tab1 = recordingSocket();
    const tab2 = recordingSocket();
    registry.add(connectionFor("alice", tab1));
    registry.add(connectionFor("alice", tab2));

    registry.remove(tab1);
    expect(registry.remove(tab1)).toBeUndefined();
    expect(registry.countFor("alice")).toBe(1);
    expect(registry.size).toBe(1);
  });

  it("removing a socket it never saw is harmless", () => {
    const registry = new PeerRegistry();
    registry.add(connectionFor("alice", recordingSocket()));
    expect(registry.remove({ id: "never-added" })).toBeUndefined();
    expect(registry.size).toBe(1);
  });

  it("forgets a user entirely once their last socket closes", () => {
    const registry = new PeerRegistry();
    const aliceTab = recordingSocket();
    const bobTab = recordingSocket();
    registry.add(connectionFor("alice", aliceTab));
    registry.add(connectionFor("bob", bobTab));
    expect(registry.userCount).toBe(2);

    registry.remove(aliceTab);
    registry.remove(bobTab);
    expect(registry.userCount).toBe(0);
    expect(registry.size).toBe(0);
    expect(registry.connectionsOf("alice")).toBeUndefined();
    expect(registry.countFor("alice")).toBe(0);
  });

  it("a user with two tabs gets the frame once in each; other users get nothing", () => {
    const registry = new PeerRegistry();
    const aliceTab1 = recordingSocket();
    const aliceTab2 = recordingSocket();
    const bobTab = recordingSocket();
    registry.add(connectionFor("alice", aliceTab1));
    registry.add(connectionFor("alice", aliceTab2));
    registry.add(connectionFor("bob", bobTab));

    expect(registry.sendToUser("alice", '{"type":"unread","unreadCount":1}')).toBe(2);
    expect(aliceTab1.sent).toEqual(['{"type":"unread","unreadCount":1}']);
    expect(aliceTab2.sent).toEqual(['{"type":"unread","unreadCount":1}']);
    expect(bobTab.sent).toEqual([]);
  });

  it("a socket whose send throws does not stop the user's other sockets from getting the frame", () => {
    const registry = new PeerRegistry();
    const dead = recordingSocket({ failOnSend: true });
    const live1 = recordingSocket();
    const live2 = recordingSocket();
    registry.add(connectionFor("alice", live1));
    registry.add(connectionFor("alice", dead));
    registry.add(connectionFor("alice", live2));

    expect(registry.sendToUser("alice", "frame")).toBe(2);
    expect(live1.sent).toEqual(["frame"]);
    expect(live2.sent).toEqual(["frame"]);
  });

  it("sending to a user with no sockets reaches nobody", () => {
    const registry = new PeerRegistry();
    const bobTab = recordingSocket();
    registry.add(connectionFor("bob", bobTab));
    expect(registry.sendToUser("alice", "frame")).toBe(0);
    expect(bobTab.sent).toEqual([]);
  });

  it("lists every open connection", () => {
    const registry = new PeerRegistry();
    const a = recordingSocket();
    const b = recordingSocket();
    registry.add(connectionFor("alice", a));
    registry.add(connectionFor("bob", b));
    expect([...registry.all()].map((c) => c.socket.id).sort()).toEqual([a.id, b.id].sort());
  });
});
