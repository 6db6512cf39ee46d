/**
 * One benchmark socket, in either protocol: the `ws` client for Beacon and the raw ws peer
 * (same frames), socket.io-client (WebSocket transport only) for the Socket.IO peer.
 * Ready means the server's `hello` arrived; alerts go to `onAlert` with their arrival time, and
 * both clients acknowledge each one like the browser client, so every server reads one frame
 * back per alert (the peers drop it).
 */
import { io } from "socket.io-client";
import WebSocket from "ws";
import { benchNow } from "../../src/server/bench/stamp";
import type { ReceivedAlert } from "./recorder";
import type { ClientKind } from "./types";

export interface BenchSocket {
  /** Resolves once the client side has closed (the server learns of it a moment later). */
  close(): Promise<void>;
}

export type OnAlert = (alert: ReceivedAlert, receivedAt: number) => void;

export function openSocket(kind: ClientKind, baseUrl: string, token: string, onAlert: OnAlert, timeoutMs: number): Promise<BenchSocket> {
  return kind === "ws" ? openWs(baseUrl, token, onAlert, timeoutMs) : openSocketIo(baseUrl, token, onAlert, timeoutMs);
}

function openWs(baseUrl: string, token: string, onAlert: OnAlert, timeoutMs: number): Promise<BenchSocket> {
  const url = `${baseUrl.replace(/^http/, "ws")}/ws/alerts?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
  const closed = new Promise<void>((resolve) => ws.once("close", () => resolve()));
  const socket: BenchSocket = {
    close() {
      if (ws.readyState === WebSocket.CLOSED) return closed;
      ws.close(1000);
      const forced = setTimeout(() => ws.terminate(), 2000);
      return closed.finally(() => clearTimeout(forced));
    },
  };
  return new Promise((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => fail(new Error("no hello in time")), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      if (!ready) reject(error);
      ws.terminate();
    }
    ws.on("message", (data) => {
      const receivedAt = benchNow();
      const frame = JSON.parse(data.toString());
      if (frame.type === "alert") {
        onAlert(frame.alert, receivedAt);
        // As a browser tab does: without the ack, Beacon's ladder would escalate every alert to
        // push/email after ACK_WINDOW_MS. The raw ws peer reads and drops it, so both pay the frame.
        ws.send(`{"type":"ack","id":${JSON.stringify(frame.alert.id)}}`);
      } else if (frame.type === "hello" && !ready) {
        ready = true;
        clearTimeout(timer);
        resolve(socket);
      }
    });
    ws.once("unexpected-response", (_request, response) => {
      response.resume();
      fail(new Error(`upgrade refused: HTTP ${response.statusCode}`));
    });
    ws.on("error", (error) => {
      if (!ready) fail(error);
    });
    ws.once("close", (code) => {
      if (!ready) fail(new Error(`closed with ${code} before hello`));
    });
  });
}

function openSocketIo(baseUrl: string, token: string, onAlert: OnAlert, timeoutMs: number): Promise<BenchSocket> {
  // forceNew: without it every io() to the same URL would share one connection.
  const socket = io(baseUrl, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token }, timeout: timeoutMs });
  socket.on("alert", (frame: { alert: ReceivedAlert & { id: string } }) => {
    onAlert(frame.alert, benchNow());
    // As the ws client does (see there): a Socket.IO app that must know an alert was shown
    // sends it back. Before the full run of 2026-11-30 09:04 this client did not, and the
    // Socket.IO peer handled one frame fewer per alert than Beacon and the raw ws peer.
    socket.emit("ack", frame.alert.id);
  });
  const handle: BenchSocket = {
    async close() {
      socket.disconnect();
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error("no hello in time"));
    }, timeoutMs);
    socket.once("hello", () => {
      clearTimeout(timer);
      resolve(handle);
    });
    socket.once("connect_error", (error) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(error);
    });
  });
}
