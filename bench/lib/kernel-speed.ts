/**
 * How dear the way into the kernel is right now: µs per 4-KB positioned write to a file in
 * the temp directory (into the page cache; nothing is synced), which is what SQLite does twice
 * per WAL frame. The reference op (machine-speed.ts) runs in user space only and misses this:
 * on 2026-12-01 a machine whose reference op read 4.07 µs, fast, gave every server about twice
 * the CPU per alert of a 2.90–3.28 µs machine the day before, and `perf` put 18% of Beacon's
 * main thread in the kernel (a third of that in one paravirtualisation routine). A results
 * section records this at its start and end beside the reference op.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "./stats";

const ROUNDS = 6;
const WRITES_PER_ROUND = 10_000;
const PAGE_BYTES = 4096;
/** The writes cycle over this many pages, so the file stays small and in the page cache. */
const PAGES = 256;

/** Median µs per write over ROUNDS rounds (the first warms up and is dropped); lower is faster. */
export function measureKernelSpeed(): number {
  const dir = mkdtempSync(join(tmpdir(), "bench-kernel-speed-"));
  const fd = openSync(join(dir, "pages"), "w");
  const page = Buffer.alloc(PAGE_BYTES, 0x5a);
  const times: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      for (let i = 0; i < WRITES_PER_ROUND; i++) writeSync(fd, page, 0, PAGE_BYTES, (i % PAGES) * PAGE_BYTES);
      times.push(((performance.now() - started) * 1000) / WRITES_PER_ROUND);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  return median(times.slice(1));
}
