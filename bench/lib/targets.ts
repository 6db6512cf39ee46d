/**
 * The three servers under test and how each is started: Beacon's production build, and
 * the two reference peers (run through tsx). All get the same secrets, --expose-gc for
 * forced-GC memory figures, and listen on 127.0.0.1 only.
 */
import { resolve } from "node:path";
import type { ClientKind, TargetName } from "../load/types";

export const ROOT = resolve(import.meta.dirname, "../..");
export const BEACON_ENTRY = resolve(ROOT, ".output/server/index.mjs");
export const AUTH_SECRET = "bench-auth-secret-not-for-production-0123456789";
export const PUBLISH_SECRET = "bench-publish-secret-not-for-production-0123";

export interface Target {
  name: TargetName;
  label: string;
  client: ClientKind;
  /** Node arguments after the runtime flags. */
  entry: string[];
  env: Record<string, string>;
}

export const TARGETS: Record<TargetName, Target> = {
  beacon: {
    name: "beacon",
    label: "Beacon",
    client: "ws",
    entry: [BEACON_ENTRY],
    env: {
      NODE_ENV: "production",
      BENCH_ENABLED: "true",
      // The generator sends no heartbeats; sessions are far shorter than this.
      WS_IDLE_TIMEOUT_MS: "600000",
      MAX_GROUP_SIZE: "10000",
      // The generator opens its sockets as fast as it can to measure the connect rate; the peers
      // have no admission control, and a storm limit would turn that into 503s.
      WS_ADMISSIONS_PER_SECOND: "100000",
      // What a production server logs; nothing is logged per alert or per connection at warn.
      LOG_LEVEL: "warn",
      // Nitro waits this long for open connections on SIGINT before it exits.
      NITRO_SHUTDOWN_TIMEOUT: "3000",
    },
  },
  ws: {
    name: "ws",
    label: "raw ws",
    client: "ws",
    entry: ["--import", "tsx", resolve(ROOT, "bench/peers/ws-server.ts")],
    env: {},
  },
  socketio: {
    name: "socketio",
    label: "Socket.IO",
    client: "socketio",
    entry: ["--import", "tsx", resolve(ROOT, "bench/peers/socketio-server.ts")],
    env: {},
  },
};
