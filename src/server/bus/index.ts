/** Picks the bus once from config: Redis when REDIS_URL is set, else the in-process default. */
import type { BeaconConfig } from "../config";
import { log } from "../log";
import { createMemoryBus } from "./memory";
import { createRedisBus } from "./redis";
import type { AlertBus } from "./types";

export function createBusFromConfig(
  config: Pick<BeaconConfig, "redisUrl" | "redisPrefix" | "serverId">,
  onListenerError: (error: unknown) => void = (error) => log("error", "bus listener failed", { error }),
): AlertBus {
  if (!config.redisUrl) return createMemoryBus(onListenerError);
  return createRedisBus({
    url: config.redisUrl,
    prefix: config.redisPrefix,
    serverId: config.serverId,
    onListenerError,
    onNotice: (level, message, fields) => log(level, message, { serverId: config.serverId, ...fields }),
  });
}
