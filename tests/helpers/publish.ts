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
