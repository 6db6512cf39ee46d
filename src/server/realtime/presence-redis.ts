/**
 * Presence across servers in Redis. Each server owns two keys, both expiring with its lease:
 * `presence:lease:<server>` and the hash `presence:users:<server>` (userId → that user's
 * socket count here); `presence:servers` lists the servers. A heartbeat renews the lease every
 * third of it, so a server that dies without cleaning up (SIGKILL, lost host) drops out of
 * every answer within one lease. Writes are idempotent (the registry's current count, not
 * increments), so a lost write is repaired by the next one, and a reconnect or an expired
 * hash rewrites the whole hash from the registry.
 *
 * Lookups answer from the local registry when it has the user (the hot path) and ask Redis
 * only otherwise; while Redis is unreachable they answer from the local registry alone.
 */
import { Redis } from "ioredis";
import type { PeerRegistry } from "./peer-registry";
import type { Presence, PresenceReport } from "./presence";

export interface RedisPresenceOptions {
  url: string;
  prefix: string;
  serverId: string;
  leaseMs: number;
  registry: PeerRegistry;
  onError?: (error: unknown) => void;
}

/** Servers with a current lease and the user's count on each, skipping one (this server); prunes expired servers. */
const LOOKUP = `
local prefix, user, exclude = ARGV[1], ARGV[2], ARGV[3]
local serversKey = prefix .. 'presence:servers'
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', serversKey)) do
  if redis.call('EXISTS', prefix .. 'presence:lease:' .. id) == 0 then
    redis.call('SREM', serversKey, id)
    redis.call('DEL', prefix .. 'presence:users:' .. id)
  elseif id ~= exclude then
    local n = redis.call('HGET', prefix .. 'presence:users:' .. id, user)
    if n and tonumber(n) > 0 then
      table.insert(out, id)
      table.insert(out, n)
    end
  end
end
return out`;

const REWRITE_CHUNK = 1000;

export function createRedisPresence(options: RedisPresenceOptions) {
  const { registry, serverId, leaseMs } = options;
  const onError = options.onError ?? (() => {});
  const usersKey = `${options.prefix}presence:users:${serverId}`;
  const leaseKey = `${options.prefix}presence:lease:${serverId}`;
  const serversKey = `${options.prefix}presence:servers`;
  const redis = new Redis(options.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: `beacon-presence:${serverId}` });
  redis.on("error", onError);
  let closed = false;
  // A write failed or was not sent: the hash is rewritten from the registry at the next chance.
  let dirty = true;

  const unwatch = registry.onChange((connection, _change, sockets) => {
    if (redis.status !== "ready") {
      dirty = true;
      return;
    }
    // The expiry goes with every write: a hash this write creates must not outlive a crash before the next heartbeat.
    const write =
      sockets > 0 ? redis.pipeline().hset(usersKey, connection.userId, sockets).pexpire(usersKey, leaseMs).exec() : redis.hdel(usersKey, connection.userId);
    write.catch((error) => {
      dirty = true;
      onError(error);
    });
  });

  async function rewrite(): Promise<void> {
    dirty = false;
    const byUser = new Map<string, number>();
    for (const { userId } of registry.all()) byUser.set(userId, (byUser.get(userId) ?? 0) + 1);
    const entries = [...byUser];
    const multi = redis.multi().del(usersKey);
    for (let i = 0; i < entries.length; i += REWRITE_CHUNK) multi.hset(usersKey, ...entries.slice(i, i + REWRITE_CHUNK).flat());
    multi.pexpire(usersKey, leaseMs).set(leaseKey, "1", "PX", leaseMs).sadd(serversKey, serverId).pexpire(serversKey, leaseMs * 2);
    await multi.exec();
  }

  async function heartbeat(): Promise<void> {
    if (closed || redis.status !== "ready") return;
    try {
      if (dirty) return await rewrite();
      // The server list expires too (renewed by every live server), so a cluster that is gone leaves nothing behind.
      const [[, renewed]] = (await redis
        .multi()
        .pexpire(usersKey, leaseMs)
        .set(leaseKey, "1", "PX", leaseMs)
        .sadd(serversKey, serverId)
        .pexpire(serversKey, leaseMs * 2)
        .exec()) as [[unknown, number]];
      // The hash expired or was pruned (a stall longer than the lease) while users are still here.
      if (renewed === 0 && registry.userCount > 0) await rewrite();
    } catch (error) {
      dirty = true;
      onError(error);
    }
  }

  redis.on("ready", () => void heartbeat());
  const timer = setInterval(() => void heartbeat(), Math.max(250, Math.floor(leaseMs / 3)));
  timer.unref();

  async function remote(userId: string): Promise<Record<string, number>> {
    if (redis.status !== "ready") return {};
    try {
      const flat = (await redis.eval(LOOKUP, 0, options.prefix, userId, serverId)) as string[];
      const servers: Record<string, number> = {};
      for (let i = 0; i < flat.length; i += 2) servers[flat[i]!] = Number(flat[i + 1]);
      return servers;
    } catch (error) {
      onError(error);
      return {};
    }
  }

  return {
    connectionCount(userId: string) {
      const local = registry.countFor(userId);
      if (local > 0) return local;
      return remote(userId).then((servers) => Object.values(servers).reduce((sum, count) => sum + count, 0));
    },
    async connections(userId: string): Promise<PresenceReport> {
      const servers = await remote(userId);
      const local = registry.countFor(userId);
      if (local > 0) servers[serverId] = local;
      return { total: Object.values(servers).reduce((sum, n) => sum + n, 0), servers };
    },
    /**
     * `graceful: false` stops renewing without removing anything, which is what a crash looks
     * like to the other servers (the lease then runs out); tests use it.
     */
    async close({ graceful = true }: { graceful?: boolean } = {}) {
      closed = true;
      clearInterval(timer);
      unwatch();
      if (graceful && redis.status === "ready") {
        await redis.multi().del(usersKey, leaseKey).srem(serversKey, serverId).exec().catch(onError);
      }
      await redis.quit().catch(() => redis.disconnect());
    },
    /** Resolves once this server's lease is written (tests, start-up). */
    async ready() {
      while (!closed && (redis.status !== "ready" || dirty)) {
        if (redis.status === "ready") await heartbeat();
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  } satisfies Presence & { ready(): Promise<void> };
}
