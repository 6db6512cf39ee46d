/**
 * Minimal structured logging: one JSON object per line on stdout/stderr. Callers pass
 * fields, never tokens, cookies or secrets.
 */
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const threshold = ORDER[(process.env.LOG_LEVEL as Level) in ORDER ? (process.env.LOG_LEVEL as Level) : "info"];

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < threshold) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields }, errorReplacer);
  if (ORDER[level] >= ORDER.warn) process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

function errorReplacer(_key: string, value: unknown) {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}
