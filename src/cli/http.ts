/** HTTP calls to a Beacon server: the server's own error message on refusal, a plain sentence when it cannot be reached. */
import { RefusedError } from "./args";

export async function requestJson(url: URL, init: RequestInit): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new RefusedError(`cannot reach ${url.origin} (${cause}); is the server running? (--url or BEACON_URL)`);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!response.ok) throw new RefusedError(`the server refused (${response.status}): ${serverMessage(body)}`);
  return { status: response.status, body };
}

/** `{ error: { code, message, details } }` as Beacon answers errors; anything else as text. */
function serverMessage(body: unknown): string {
  const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  if (!error) return typeof body === "string" && body ? body.slice(0, 300) : "no details";
  const details = error.details === undefined ? "" : `\n${JSON.stringify(error.details, null, 2)}`;
  return `${error.message ?? "error"} [${error.code ?? "unknown"}]${details}`;
}
