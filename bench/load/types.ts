/** What bench/run.ts asks one generator process to do against one server, and what it answers. */

export type TargetName = "beacon" | "ws" | "socketio";
/** Beacon and the raw ws peer speak the same frames; Socket.IO has its own client. */
export type ClientKind = "ws" | "socketio";

export interface StepSpec {
  /** Unique in a session; becomes the alerts' tag. */
  name: string;
  /** http: one POST /api/alerts per alert from the generator; inproc: the server's bench trigger. */
  path: "http" | "inproc";
  /** paced: `count` alerts at `rate`/s to random users; burst: all at once; group: one publish to `count` users. */
  mode: "paced" | "burst" | "group";
  rate?: number;
  count: number;
  /** Run it this many times (default 1); the report takes the median. */
  repeats?: number;
}

export interface SessionPlan {
  target: TargetName;
  client: ClientKind;
  baseUrl: string;
  serverPid: number;
  authSecret: string;
  publishSecret: string;
  /** Idle sockets held through the steps, one per distinct user `u<i>`. */
  sockets: number;
  connectConcurrency: number;
  /** Connections of the HTTP publish pool (see POOL_CONNECTIONS). */
  httpConnections: number;
  steps: StepSpec[];
  /** Raise the HTTP rate step by step until p99 reaches the limit or alerts go missing (see ceiling-search.ts for `refineBy` and `retryLatencyFailures`). */
  ceiling?: { rates: number[]; stepMs: number; p99LimitMs: number; refineBy?: number; retryLatencyFailures?: boolean };
  /** `sampleEvery`: rounds between memory samples (also taken before the first round, halfway and at the end). */
  churn?: { warmupRounds: number; rounds: number; perRound: number; sampleEvery: number };
  /** Pause before each step so the previous one's tail is over. */
  settleMs: number;
  /** Epoch ms after which nothing new starts. */
  deadlineAt: number;
}

export interface Latency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface StepResult {
  name: string;
  path: StepSpec["path"];
  mode: StepSpec["mode"];
  rate?: number;
  /** Alerts the server accepted, one per recipient; each must arrive exactly once. */
  published: number;
  received: number;
  /** published − received: must be 0. Includes alerts answered `no_live_socket`. */
  lost: number;
  duplicates: number;
  /** Publish requests that failed (HTTP error or a thrown publish). */
  errors: number;
  /** Publish → frame received, in ms, over every received alert. */
  latency: Latency | null;
  /** Alerts issued per second, against `rate` asked for. */
  achievedRate: number;
  serverCpuPct: number;
  /** Server CPU time per published alert (HTTP handling included on the http path). */
  serverCpuUsPerAlert: number;
  /** The same for the server's main thread alone (see cpuMeter in probe.ts). */
  serverMainThreadCpuPct: number;
  serverMainThreadUsPerAlert: number;
  generatorCpuPct: number;
}

export interface MemoryFigures {
  rssBytes: number;
  heapUsedBytes: number;
}

/** Memory after forced GC once `cycles` connect/disconnect cycles of churn are done. */
export interface ChurnSample extends MemoryFigures {
  cycles: number;
}

export interface SessionResult {
  target: TargetName;
  sockets: number;
  connect?: { opened: number; failed: number; ms: number; perSecond: number; firstError?: string };
  memory?: {
    gcExposed: boolean;
    baseline: MemoryFigures;
    /** With the sockets open, after forced GC. */
    idle: MemoryFigures;
    /** Same moment, before GC. */
    idleRssNoGcBytes: number;
  };
  steps: StepResult[];
  ceiling?: { highestPassing: number; stoppedAt?: number; reason?: string; steps: StepResult[] };
  churn?: {
    cycles: number;
    failed: number;
    ms: number;
    before: MemoryFigures;
    /** After half the rounds. */
    middle: MemoryFigures;
    after: MemoryFigures;
    /** Every sample, `before`, `middle` and `after` among them, in order (absent from older results). */
    samples?: ChurnSample[];
    socketsAfter: number;
    usersAfter: number;
  };
  errors: string[];
}

export type ChurnResult = NonNullable<SessionResult["churn"]>;
