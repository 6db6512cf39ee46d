/** Rebuilds Beacon's production output when anything it is built from is newer than it. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { BEACON_ENTRY, ROOT } from "./targets";

const SOURCES = ["src", "public", "patches", "app.config.ts", "package.json", "pnpm-lock.yaml"];

export function buildIsFresh(): boolean {
  if (!existsSync(BEACON_ENTRY)) return false;
  const built = statSync(BEACON_ENTRY).mtimeMs;
  return SOURCES.every((source) => newestMtime(join(ROOT, source)) <= built);
}

export function ensureBuild(allowed: boolean, log: (line: string) => void): void {
  if (buildIsFresh()) return log("build: .output is up to date");
  if (!allowed) {
    if (!existsSync(BEACON_ENTRY)) throw new Error("no .output/server/index.mjs and --no-build given: run `pnpm build` first");
    return log("build: .output is older than src/, used as is (--no-build)");
  }
  log("build: src/ changed since the last build, running `pnpm build` (~35 s)");
  const result = spawnSync(join(ROOT, "node_modules/.bin/vinxi"), ["build"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0) throw new Error(`pnpm build failed with ${result.status}:\n${(result.stdout + result.stderr).slice(-4000)}`);
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}
