/** `beacon tail`: stream one user's alerts to the terminal as they arrive, until Ctrl-C (or --count). */
import type { Alert } from "../../shared/alert";
import { parseFlags, RefusedError, serverUrl, UsageError } from "../args";
import type { Io } from "../main";
import { startTail } from "../tail-socket";
import { mintToken, parseUserId } from "./token";

const TAIL_TOKEN_TTL_SECONDS = 12 * 3600;

export async function tail(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags(args, {
    user: { type: "string" },
    token: { type: "string" },
    after: { type: "string" },
    count: { type: "string" },
    json: { type: "boolean" },
    ack: { type: "boolean" },
    url: { type: "string" },
  });
  if (!values.user && !values.token) throw new UsageError("--user (with AUTH_SECRET set) or --token is required");
  const after = values.after === undefined ? null : nonNegativeInteger(values.after, "--after");
  const count = values.count === undefined ? null : nonNegativeInteger(values.count, "--count");
  const baseUrl = serverUrl(values.url, io.env);
  const token = values.token ?? (await mintToken(io.env, parseUserId(values.user!), "user", TAIL_TOKEN_TTL_SECONDS));

  let received = 0;
  const socket = startTail({
    baseUrl,
    token,
    after,
    // Off by default: an operator watching a user's stream must not stop that user's push and email.
    acknowledge: values.ack === true,
    handlers: {
      onHello: (hello) => io.err(`connected to ${baseUrl.origin} as ${hello.userId}: ${hello.unreadCount} unread, cursor ${hello.cursor}`),
      onStatus: (message) => io.err(message),
      onAlert(alert, replayed) {
        io.out(values.json ? JSON.stringify(alert) : formatAlert(alert, replayed));
        received += 1;
        if (count !== null && received >= count) socket.stop();
      },
    },
  });
  const interrupt = () => socket.stop();
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  const result = await socket.done;
  process.off("SIGINT", interrupt);
  process.off("SIGTERM", interrupt);
  if (result.stoppedBy === "server") throw new RefusedError(`the server closed the stream (${result.code}): ${result.reason}`);
  return 0;
}

function formatAlert(alert: Alert, replayed: boolean): string {
  const teaser = alert.teaser ? ` — ${alert.teaser}` : "";
  const missed = replayed ? "  (while away)" : "";
  return `${alert.createdAt}  ${alert.severity.toUpperCase().padEnd(8)} ${alert.service.padEnd(13)} ${alert.title}${teaser}  [#${alert.seq} ${alert.id}]${missed}`;
}

function nonNegativeInteger(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number`);
  return Number(text);
}
