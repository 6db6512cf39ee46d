/** Session tokens as Beacon issues them, and opening many sockets with a bounded number in flight. */
import { signSessionToken } from "../../src/server/auth/token";
import { type BenchSocket, type OnAlert, openSocket } from "./clients";
import type { ClientKind } from "./types";

export async function mintTokens(authSecret: string, userIds: readonly string[]): Promise<string[]> {
  const key = new TextEncoder().encode(authSecret);
  const tokens: string[] = [];
  for (const userId of userIds) tokens.push(await signSessionToken(key, { userId }, 4 * 3600));
  return tokens;
}

export interface ConnectOutcome {
  sockets: BenchSocket[];
  failed: number;
  ms: number;
  firstError?: string;
}

export async function connectMany(
  kind: ClientKind,
  baseUrl: string,
  tokens: readonly string[],
  onAlert: OnAlert,
  options: { concurrency: number; timeoutMs?: number },
): Promise<ConnectOutcome> {
  const sockets: BenchSocket[] = [];
  let failed = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < tokens.length) {
      const token = tokens[next++];
      try {
        sockets.push(await openSocket(kind, baseUrl, token, onAlert, options.timeoutMs ?? 15_000));
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency, tokens.length) }, worker));
  return { sockets, failed, ms: performance.now() - started, firstError };
}

export async function closeAll(sockets: readonly BenchSocket[]): Promise<void> {
  await Promise.all(sockets.map((socket) => socket.close()));
}
