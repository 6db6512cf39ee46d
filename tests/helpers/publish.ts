/** Posts to the publish API with the bearer secret, as a producer would. */
export async function post(baseUrl: string, path: string, body: unknown, secret?: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, baseUrl), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret ? { authorization: `Bearer ${secret}` } : {}),
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

export function sampleAlert(overrides: Record<string, unknown> = {}) {
  return {
    service: "darkwatch",
    severity: "high",
    title: "Test alert",
    body: "Something happened that you should know about.",
    ...overrides,
  };
}

/** Publishes one sample alert to one user and returns its id; fails the test unless it was accepted (202). */
export async function publishOne(baseUrl: string, secret: string, userId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await post(baseUrl, "/api/alerts", { userId, ...sampleAlert(overrides) }, secret);
  if (response.status !== 202) throw new Error(`publish answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.alerts[0].alertId as string;
}

let uniqueUsers = 0;
/** A user id no other test (or earlier run against the same server) has used. */
export function uniqueUserId(name: string): string {
  return `${name}-${process.pid}-${++uniqueUsers}`;
}
