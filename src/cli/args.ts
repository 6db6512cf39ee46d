/**
 * Flag parsing for the `beacon` CLI: node:util's parseArgs in strict mode, with every
 * mistake turned into a UsageError (usage printed, exit 2) instead of a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {
  override name = "UsageError";
}

/** Something the command needs from the environment is missing (a secret): exit 2, without the whole usage. */
export class SetupError extends Error {
  override name = "SetupError";
}

/** The server (or a check) said no: its message is printed and the exit code is 1. */
export class RefusedError extends Error {
  override name = "RefusedError";
}

export type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseFlags<T extends Options>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options: { ...options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false });
  } catch (error) {
    // parseArgs's messages name the flag ("Unknown option '--titel'"); keep them, drop the error code.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, "."));
  }
}

/** A value that must be present. */
export function required(value: string | undefined, flag: string, hint = ""): string {
  if (value === undefined || value.trim() === "") throw new UsageError(`${flag} is required${hint ? ` (${hint})` : ""}`);
  return value;
}

/** Comma-separated, repeatable: `--user a --user b,c` → [a, b, c]. */
export function list(values: string | string[] | undefined): string[] {
  const all = values === undefined ? [] : Array.isArray(values) ? values : [values];
  return all.flatMap((value) => value.split(",")).map((item) => item.trim()).filter(Boolean);
}

const DURATION = /^(\d+)(s|m|h|d)?$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** "90", "90s", "15m", "1h", "7d" → seconds. */
export function durationSeconds(text: string, flag: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) throw new UsageError(`${flag} must be a duration like 90s, 15m, 1h or 7d`);
  const seconds = Number(match[1]) * UNIT_SECONDS[(match[2] ?? "s") as keyof typeof UNIT_SECONDS];
  if (seconds < 1) throw new UsageError(`${flag} must be at least 1s`);
  return seconds;
}

/** The Beacon server's base URL from --url or BEACON_URL (default http://localhost:3000). */
export function serverUrl(flag: string | undefined, env: NodeJS.ProcessEnv): URL {
  const text = flag ?? env.BEACON_URL ?? "http://localhost:3000";
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
    return url;
  } catch {
    throw new UsageError(`the server URL must be http(s)://host[:port] (from ${flag ? "--url" : "BEACON_URL"})`);
  }
}
