/**
 * WAL checkpoints for the embedded store on a worker thread with its own connection, so the
 * copy of committed pages into the database file (about half of what a COMMIT cost on the
 * event loop) runs beside the event loop instead of inside whichever COMMIT crossed the
 * threshold. PASSIVE checkpoints never block the writer.
 *
 * The writer keeps its own automatic checkpoint at a higher threshold, and it does more than
 * guard against this thread dying. The WAL starts over only when a commit finds it wholly
 * copied, which a thread running beside a steady stream of commits rarely achieves. So under
 * load the WAL grows to the writer's threshold, and the writer's own checkpoint, which then has
 * only the frames since this thread's last pass to copy, lets it start over.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export interface CheckpointerOptions {
  file: string;
  everyMs: number;
  /** Told once if the thread fails; the writer's own checkpoints carry on. */
  onError: (error: Error) => void;
}

export interface Checkpointer {
  stop(): Promise<void>;
}

// Plain CommonJS source rather than a file of its own: the server is bundled, and a separate
// worker entry would need its own bundle and path. libsql's path is resolved by the caller,
// so the thread loads the same copy of the native module.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.libsql);
const db = new Database(workerData.file);
// PASSIVE gives up on a busy lock at once; the next tick tries again.
db.pragma("busy_timeout = 0");
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    if (!/busy|locked/i.test(String(error && error.message))) throw error;
  }
}, workerData.everyMs);
parentPort.once("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Where this process loads libsql from. Unbundled (tests, tools) that is next to this file; in
 * the Nitro bundle import.meta.url is a placeholder ("file:///_entry.js"), so next to the entry
 * script, .output/server/index.mjs, whose node_modules holds it.
 */
function libsqlPath(): string {
  for (const base of [import.meta.url, process.argv[1]]) {
    try {
      if (base) return createRequire(base).resolve("libsql");
    } catch {
      // try the next place
    }
  }
  throw new Error("cannot locate the libsql module for the checkpoint thread");
}

/** Throws if the thread cannot be set up; errors after that go to onError. */
export function startCheckpointer(options: CheckpointerOptions): Checkpointer {
  const libsql = libsqlPath();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: options.file, everyMs: options.everyMs, libsql } });
  // It must not keep a finished process alive; the store's close() stops it.
  worker.unref();
  let failed = false;
  worker.on("error", (error) => {
    failed = true;
    options.onError(error);
  });
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    async stop() {
      if (failed) return exited;
      // Held while it closes its connection, or a process with nothing else to do exits first.
      worker.ref();
      worker.postMessage("stop");
      await exited;
    },
  };
}
