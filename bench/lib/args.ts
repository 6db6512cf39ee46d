/** `pnpm bench [options]`: the command line, parsed once. */
import type { TargetName } from "../load/types";

export interface BenchArgs {
  quick: boolean;
  build: boolean;
  targets: TargetName[];
  /** Overrides the socket counts of the chosen matrix. */
  sockets?: number[];
  /** Overrides how many times each socket count is run. */
  repeats?: number;
  /** Overrides the connections of the generator's HTTP publish pool (POOL_CONNECTIONS in bench/load/http-publisher.ts). */
  httpPool?: number;
  cpuProf: boolean;
  writeResults: boolean;
  /** Instead of the matrix: the embedded store alone, checkpointing each of these ways (bench/store/). */
  storeCheckpoints?: CheckpointMode[];
  /** Instead of the matrix: the embedded store alone under closed-loop producers, at each of these FULL_BATCH sizes. */
  storeBatches?: number[];
}

/** A WAL threshold in pages (the writer checkpoints inside a COMMIT), or the checkpoint thread. */
export type CheckpointMode = number | "thread";

export const USAGE = `pnpm bench [--quick] [--no-build] [--targets=beacon,ws,socketio] [--sockets=1000,5000] [--repeats=N] [--http-pool=N] [--cpu-prof] [--no-results]
pnpm bench --store-checkpoints[=400,thread]
pnpm bench --store-batches[=16,256]

  --quick        smoke run, under 2 minutes: 1,000 sockets, 500 and 2,000/s, small churn
  --no-build     use .output as it is (otherwise rebuilt when src/ is newer)
  --targets      which servers to measure (default: all three)
  --sockets      socket counts to run instead of the matrix's
  --repeats      runs per socket count (the report takes medians)
  --http-pool    connections of the generator's HTTP publish pool (default 32, as in every
                 recorded run; the results file says which pool a run used)
  --cpu-prof     write V8 CPU profiles of every server to bench/results/profiles/ and summarise the top functions
  --no-results   print the table only; do not write bench/results/<date>.md
  --store-checkpoints
                 no servers: the embedded store alone, alternating how it checkpoints (WAL
                 thresholds in pages, or "thread"; default 400,thread), event-loop delay,
                 event-loop time and CPU per alert (about 4 minutes)
  --store-batches
                 no servers: the embedded store alone, 32 producers each waiting for its
                 insert to commit (as the HTTP pool does), alternating how many queued writes
                 commit without waiting out the window (default 16,256): alerts/s, event-loop
                 and CPU time per alert, insert latency (about 2 minutes)`;

const ALL_TARGETS: TargetName[] = ["beacon", "ws", "socketio"];

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, build: true, targets: ALL_TARGETS, cpuProf: false, writeResults: true };
  for (const arg of argv) {
    const [flag, value] = arg.split("=", 2);
    switch (flag) {
      case "--quick":
        args.quick = true;
        break;
      case "--no-build":
        args.build = false;
        break;
      case "--cpu-prof":
        args.cpuProf = true;
        break;
      case "--no-results":
        args.writeResults = false;
        break;
      case "--targets":
        for (const name of list(value, flag)) {
          if (!ALL_TARGETS.includes(name as TargetName)) throw new Error(`unknown target ${name}; choose from ${ALL_TARGETS.join(", ")}`);
        }
        // Always in the table's order: Beacon first, then the peers.
        args.targets = ALL_TARGETS.filter((target) => list(value, flag).includes(target));
        break;
      case "--sockets":
        args.sockets = list(value, flag).map((n) => positiveInt(n, flag, 15_000));
        break;
      case "--store-checkpoints":
        args.storeCheckpoints =
          value === undefined ? [400, "thread"] : list(value, flag).map((mode) => (mode === "thread" ? mode : positiveInt(mode, flag, 100_000)));
        break;
      case "--store-batches":
        args.storeBatches = value === undefined ? [16, 256] : list(value, flag).map((n) => positiveInt(n, flag, 10_000));
        break;
      case "--repeats":
        args.repeats = positiveInt(value, flag, 5);
        break;
      case "--http-pool":
        args.httpPool = positiveInt(value, flag, 1024);
        break;
      case "--":
        break;
      default:
        throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return args;
}

function list(value: string | undefined, flag: string): string[] {
  const items = (value ?? "").split(",").map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new Error(`${flag} needs a value, e.g. ${flag}=a,b`);
  return items;
}

function positiveInt(value: string | undefined, flag: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${flag} takes whole numbers from 1 to ${max}`);
  return n;
}
