/**
 * Structured JSON logs over pino: one object per line, info and below on stdout, warn and
 * error on stderr. Every line carries the request or connection id of the work that wrote
 * it (observe/log-context.ts), and every field goes through observe/redact.ts first, so a
 * token, secret, cookie or email body handed to `log` by mistake is blanked, not written.
 */
import pino, { type Logger } from "pino";
import { currentLogContext } from "./observe/log-context";
import { redact, redactString } from "./observe/redact";

export type Level = "debug" | "info" | "warn" | "error";
const LEVELS: readonly Level[] = ["debug", "info", "warn", "error"];

// One logger per process, shared by every bundle's copy of this module (see runtime.ts).
const LOGGER_KEY = Symbol.for("beacon.logger");
type GlobalWithLogger = typeof globalThis & { [LOGGER_KEY]?: Logger };

function logger(): Logger {
  const holder = globalThis as GlobalWithLogger;
  return (holder[LOGGER_KEY] ??= createLogger());
}

function createLogger(): Logger {
  const configured = process.env.LOG_LEVEL as Level;
  const level = LEVELS.includes(configured) ? configured : "info";
  // Synchronous writes: a line logged just before a crash or exit is not lost in a buffer.
  const streams = pino.multistream(
    [
      { level: "debug", stream: pino.destination({ fd: 1, sync: true }) },
      { level: "warn", stream: pino.destination({ fd: 2, sync: true }) },
    ],
    { dedupe: true },
  );
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    streams,
  );
}

/**
 * @example log("warn", "ws upgrade refused", { status: 401, code: "unauthorized" })
 */
export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const target = logger();
  if (!target.isLevelEnabled(level)) return;
  const context = currentLogContext();
  target[level]({ ...context, ...(redact(fields) as Record<string, unknown>) }, redactString(message));
}
