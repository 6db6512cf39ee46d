/**
 * Several real Beacon servers sharing one Redis and one PostgreSQL schema, as behind a load
 * balancer: each gets its own port, SERVER_ID and data directory; the Redis prefix and the
 * schema are private to the test, so parallel runs never cross. Null when REDIS_URL or
 * DATABASE_URL is unset (the tests skip).
 */
import { randomBytes } from "node:crypto";
import { type BeaconServer, startBeaconServer, TEST_PUBLISH_SECRET } from "./beacon-server";
import { createTestSchema } from "./postgres";

export const REDIS_URL = process.env.REDIS_URL;
export const clusterAvailable = Boolean(process.env.REDIS_URL && process.env.DATABASE_URL);

export interface TestCluster {
  /** Environment shared by every server of this cluster. */
  env: Record<string, string>;
  start(serverId: string, extra?: Record<string, string>): Promise<BeaconServer>;
  /** Stops every server started (SIGKILL if one does not exit) and drops the schema. */
  stop(): Promise<void>;
}

export async function createTestCluster(env: Record<string, string> = {}): Promise<TestCluster> {
  const schema = (await createTestSchema())!;
  const shared = {
    DATABASE_URL: schema.url,
    REDIS_URL: REDIS_URL!,
    REDIS_PREFIX: `beacon-it-${randomBytes(6).toString("hex")}:`,
    ...env,
  };
  const servers: BeaconServer[] = [];
  return {
    env: shared,
    async start(serverId, extra = {}) {
      const server = await startBeaconServer({ ...shared, SERVER_ID: serverId, ...extra });
      servers.push(server);
      return server;
    },
    async stop() {
      await Promise.all(servers.map((server) => server.crash()));
      await schema.drop();
    },
  };
}

/** GET /api/presence/:userId on one server: the user's sockets across the cluster as that server sees them. */
export async function presenceOf(server: BeaconServer, userId: string): Promise<{ total: number; servers: Record<string, number> }> {
  const response = await fetch(`${server.url}/api/presence/${encodeURIComponent(userId)}`, {
    headers: { authorization: `Bearer ${TEST_PUBLISH_SECRET}` },
  });
  if (!response.ok) throw new Error(`presence answered ${response.status}`);
  return response.json();
}

export async function statsOf(server: BeaconServer, query = ""): Promise<Record<string, any>> {
  const response = await fetch(`${server.url}/api/stats${query}`, { headers: { authorization: `Bearer ${TEST_PUBLISH_SECRET}` } });
  if (!response.ok) throw new Error(`stats answered ${response.status}`);
  return response.json();
}
