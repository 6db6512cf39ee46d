/** POSTs a JSON body to Beacon's own API with the session cookie; null when the server could not be reached. */
export async function postJson(path: string, body: unknown = {}): Promise<Response | null> {
  try {
    return await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return null;
  }
}

export const UNREACHABLE_MESSAGE = "Could not reach Beacon. Check your connection and try again.";
