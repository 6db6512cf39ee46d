import { describe, expect, it } from "vitest";
import { PeerRegistry } from "~/server/realtime/peer-registry";
import { drainConnections } from "~/server/realtime/drain";
import { CloseCode, closeAdvice } from "~/shared/close-codes";
import { parseServerFrame } from "~/shared/protocol";
import { connectionFor, recordingSocket } from "./recording-socket";

describe("draining a server's sockets", () => {
  it("tells each socket its own delay within the window, then closes it with 4010 after what was already sent", async () => {
    const registry = new PeerRegistry();
    const sockets = Array.from({ length: 1200 }, (_, i) => {
      const socket = recordingSocket();
      socket.send(`{"type":"alert","n":${i}}`); // already queued before the drain
      // The socket goes away once closed, as crossws's close hook does.
      const close = socket.close.bind(socket);
      socket.close = (code, reason) => {
        close(code, reason);
        registry.remove(socket);
      };
      registry.add(connectionFor(`user-${i % 300}`, socket));
      return socket;
    });
    let call = 0;
    const report = await drainConnections(registry, { windowMs: 5000, timeoutMs: 1000, random: () => (call++ % 100) / 100, sliceSize: 500 });
    expect(report).toEqual({ told: 1200, leftOpen: 0, delaysMs: { min: 0, max: 4950 } });
    for (const socket of sockets) {
      expect(socket.sent).toHaveLength(2);
      const frame = parseServerFrame(socket.sent[1]!);
      expect(frame).toMatchObject({ type: "reconnect", reason: "draining" });
      expect(socket.closes).toEqual([{ code: CloseCode.ServerDraining, reason: "server draining" }]);
    }
    expect(registry.size).toBe(0);
  });

  it("reports the sockets still open when the timeout runs out", async () => {
    const registry = new PeerRegistry();
    registry.add(connectionFor("stuck", recordingSocket())); // never confirms its close
    const report = await drainConnections(registry, { windowMs: 100, timeoutMs: 100 });
    expect(report.leftOpen).toBe(1);
  });

  it("close codes say what the client does: backoff, the server's delay, or stop", () => {
    expect(closeAdvice(CloseCode.GoingAway)).toBe("retry_with_backoff");
    expect(closeAdvice(CloseCode.HeartbeatTimeout)).toBe("retry_with_backoff");
    expect(closeAdvice(1006)).toBe("retry_with_backoff");
    expect(closeAdvice(CloseCode.ServerDraining)).toBe("retry_after_delay");
    expect(closeAdvice(CloseCode.Unauthorized)).toBe("stop");
    expect(closeAdvice(CloseCode.ForbiddenOrigin)).toBe("stop");
  });
});
