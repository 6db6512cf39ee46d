/**
 * The one way browser code calls Beacon's own JSON API: same-origin with the session cookie,
 * JSON in and out. Each API module (inbox, settings, push, session) turns the answer into its
 * own messages; this only makes the call.
 */

/**
 * `init.body` is already JSON text. Resolves to the response whatever its status, or null when
 * the server could not be reached; a call the caller cancelled (its signal aborted) rethrows.
 */
export async function callApi(path: string, init: RequestInit = {}): Promise<Response | null> {
  try {
    return await fetch(path, {
      ...init,
      credentials: "same-origin",
      headers: { accept: "application/json", ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    return null;
  }
}

/** POSTs a JSON body; null when the server could not be reached. */
export function postJson(path: string, body: unknown = {}): Promise<Response | null> {
  return callApi(path, { method: "POST", body: JSON.stringify(body) });
}

export const UNREACHABLE_MESSAGE = "Could not reach Beacon. Check your connection and try again.";
