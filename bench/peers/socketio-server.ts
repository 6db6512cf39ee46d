/**
 * Reference peer: a Socket.IO 4 server, what most teams would pick. One room per user
 * (joined after the auth middleware checks the token), `io.to(userId).emit("alert", …)`.
 * WebSocket transport only, as the load generator connects. The client's `ack` for each alert
 * is read and dropped, as the raw ws peer does with its ack frames.
 */
import { createServer } from "node:http";
import { Server } from "socket.io";
import { peerEnv } from "./env";
import { createPeerApi } from "./http-api";
import { createPeerPublisher } from "./publisher";
import { verifiedUserId } from "./token";

const env = peerEnv();
let io: Server;

const rooms = () => io.of("/").adapter.rooms;
const counts = () => {
  const sockets = io.of("/").sockets.size;
  // Every socket also sits in a room named after its own id; the rest are user rooms.
  return { sockets, usersOnline: rooms().size - sockets };
};

const publisher = createPeerPublisher((alert) => {
  const room = rooms().get(alert.userId);
  if (!room) return 0;
  io.to(alert.userId).emit("alert", { type: "alert", alert });
  return room.size;
});

const server = createServer(createPeerApi({ publishSecret: env.publishSecret, publisher, counts }));
io = new Server(server, { transports: ["websocket"], serveClient: false, maxHttpBufferSize: 4096 });

io.use(async (socket, next) => {
  const userId = await verifiedUserId(env.authSecret, socket.handshake.auth?.token as string | undefined);
  if (!userId) return next(new Error("unauthorized"));
  socket.data.userId = userId;
  next();
});

io.on("connection", (socket) => {
  const userId = socket.data.userId as string;
  socket.join(userId);
  socket.on("ack", () => {});
  socket.emit("hello", { type: "hello", serverTime: new Date().toISOString(), unreadCount: 0, userId });
});

server.listen(env.port, env.host, () => console.log(`Socket.IO peer on http://${env.host}:${env.port}`));
// Exit through process.exit so a --cpu-prof run writes its profile.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
