/**
 * `node --cpu-prof` writes one profile per thread, named
 * CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile, the main thread's with thread id 0.
 * The peers run through tsx, whose module loader has a thread of its own on Node 20 (Beacon
 * has its checkpoint thread). With one fixed --cpu-prof-name for all of a server's threads, the
 * loader's profile, written last, replaced the server's, so the peers' summaries described
 * module loading. Now each server writes into a directory of its own, and this keeps the main
 * thread's.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

const MAIN_THREAD_PROFILE = /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/;

/** Moves the main thread's profile from `fromDir` to `to` and removes `fromDir`; false if there was none. */
export function keepMainThreadProfile(fromDir: string, to: string): boolean {
  const main = readdirSync(fromDir).find((name) => MAIN_THREAD_PROFILE.test(name));
  if (main) {
    mkdirSync(dirname(to), { recursive: true });
    renameSync(join(fromDir, main), to);
  }
  rmSync(fromDir, { recursive: true, force: true });
  return main !== undefined;
}
