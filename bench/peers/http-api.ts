/**
 * The HTTP side every reference peer shares, shaped like Beacon's so the load generator
 * drives all three the same way: POST /api/alerts (same body, same bearer secret, 202 with
 * per-user reports), GET /api/stats, and the bench trigger routes. Minimal on purpose: the
 * peers stand for what a lean hand-written server costs, not for Beacon's validation.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { BenchPlanSchema, runBenchPlan } from "../../src/server/bench/plan";
import { secretMatches } from "../../src/server/http/publish-auth";
import type { AlertInput } from "../../src/shared/alert";
import type { PeerPublisher } from "./publisher";

export interface PeerApiOptions {
  publishSecret: string;
  publisher: PeerPublisher;
  /** Registry size, for the churn check (must be back to zero). */
  counts(): { sockets: number; usersOnline: number };
  maxBodyBytes?: number;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export function createPeerApi(options: PeerApiOptions): Handler {
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const authorized = (request: IncomingMessage) => {
    const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? "");
    return match !== null && secretMatches(match[1].trim(), options.publishSecret);
  };

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? "/").split("?")[0];
    const key = `${request.method} ${path}`;
    if (key === "GET /healthz") return send(response, 200, { ok: true });
    const known = ["POST /api/alerts", "GET /api/stats", "POST /api/dev/bench-publish", "POST /api/dev/bench-gc"];
    if (!known.includes(key)) return send(response, 404, { error: { code: "not_found" } });
    if (!authorized(request)) return send(response, 401, { error: { code: "unauthorized" } });

    switch (key) {
      case "POST /api/alerts": {
        const body = parsePublish(await readBody(request, maxBodyBytes));
        if (!body) return send(response, 400, { error: { code: "invalid_body" } });
        const { userId, userIds, ...alert } = body;
        const reports = userIds ? await options.publisher.publishToGroup(userIds, alert) : [await options.publisher.publishAlert(userId!, alert)];
        return send(response, 202, { alerts: reports.map((r) => ({ ...r, channel: r.status === "delivered_live" ? "websocket" : null })) });
      }
      case "POST /api/dev/bench-publish": {
        const plan = BenchPlanSchema.safeParse(JSON.parse(await readBody(request, 4096)));
        if (!plan.success) return send(response, 400, { error: { code: "invalid_body" } });
        return send(response, 200, await runBenchPlan(plan.data, options.publisher));
      }
      case "POST /api/dev/bench-gc": {
        await readBody(request, 4096);
        const gc = (globalThis as { gc?: () => void }).gc;
        gc?.();
        return send(response, 200, { gcExposed: gc !== undefined, ...memory(), ...options.counts() });
      }
      default:
        return send(response, 200, { ...options.counts(), ...memory() });
    }
  }

  return (request, response) => {
    route(request, response).catch(() => {
      if (!response.headersSent) send(response, 400, { error: { code: "invalid_json" } });
    });
  };
}

interface PublishBody extends AlertInput {
  userId?: string;
  userIds?: string[];
}

/** Shape check only: the fields Beacon requires, and exactly one of userId / userIds. */
function parsePublish(text: string): PublishBody | null {
  const body = JSON.parse(text) as Record<string, unknown>;
  const strings = ["service", "severity", "title", "body"].every((field) => typeof body[field] === "string" && body[field] !== "");
  const one = typeof body.userId === "string" && body.userIds === undefined;
  const group = body.userId === undefined && Array.isArray(body.userIds) && body.userIds.every((id) => typeof id === "string");
  return strings && (one || group) ? (body as unknown as PublishBody) : null;
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    request.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        reject(new Error("body too large"));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

function memory() {
  const { rss, heapUsed } = process.memoryUsage();
  return { rssBytes: rss, heapUsedBytes: heapUsed };
}
