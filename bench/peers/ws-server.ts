/**
 * Reference peer: a minimal raw `ws` server, Node's practical ceiling for this job.
 * A userId → sockets map, the token checked before the upgrade, each alert serialised
 * once and written to the user's sockets. Speaks Beacon's frames (hello, alert, pong).
 */
import { createServer } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import { peerEnv } from "./env";
import { createPeerApi } from "./http-api";
import { createPeerPublisher } from "./publisher";
import { verifiedUserId } from "./token";

const env = peerEnv();
const byUser = new Map<string, Set<WebSocket>>();
let sockets = 0;

const publisher = createPeerPublisher((alert) => {
  const set = byUser.get(alert.userId);
  if (!set) return 0;
  const frame = JSON.stringify({ type: "alert", alert });
  for (const ws of set) ws.send(frame);
  return set.size;
});

const server = createServer(
  createPeerApi({ publishSecret: env.publishSecret, publisher, counts: () => ({ sockets, usersOnline: byUser.size }) }),
);
const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });

server.on("upgrade", async (request, socket, head) => {
  socket.on("error", () => {});
  const url = new URL(request.url ?? "/", "http://localhost");
  const userId = url.pathname === "/ws/alerts" ? await verifiedUserId(env.authSecret, url.searchParams.get("token")) : null;
  if (!userId) {
    socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  wss.handleUpgrade(request, socket, head, (ws) => open(ws, userId));
});

function open(ws: WebSocket, userId: string): void {
  let set = byUser.get(userId);
  if (!set) byUser.set(userId, (set = new Set()));
  set.add(ws);
  sockets++;
  ws.send(JSON.stringify({ type: "hello", serverTime: new Date().toISOString(), unreadCount: 0, userId }));
  ws.on("message", (data) => {
    if (data.toString() === '{"type":"ping"}') ws.send(JSON.stringify({ type: "pong", serverTime: new Date().toISOString() }));
  });
  ws.on("error", () => {});
  ws.once("close", () => {
    sockets--;
    set.delete(ws);
    if (set.size === 0 && byUser.get(userId) === set) byUser.delete(userId);
  });
}

server.listen(env.port, env.host, () => console.log(`raw ws peer on http://${env.host}:${env.port}`));
// Exit through process.exit so a --cpu-prof run writes its profile.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
