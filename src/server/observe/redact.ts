/**
 * Scrubs log fields before they are written: a log line must never carry a token, a secret,
 * a cookie, an Authorization header, a password or an email body, whoever passed it in. Two
 * nets: by field name (anything called token, secret, cookie…) at any depth, and by value
 * (strings that look like a JWT, a bearer header, a URL with a password or a `?token=`, or
 * that contain a secret this process was configured with).
 */

export const REDACTED = "[redacted]";

/** Field names whose value is never logged, at any depth. */
const SENSITIVE_KEY = /pass(word|wd)?$|secret|token|cookie|authori[sz]ation|api[-_]?key|private[-_]?key|credential|^(auth|jwt|bearer)$/i;
/** Email content (subjects are fine; bodies are the user's private alert text). */
const EMAIL_BODY_KEY = /^(html|text|body|email[-_]?body|content|message[-_]?body)$/i;

const VALUE_PATTERNS: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[^\s,;"']+/gi, `$1 ${REDACTED}`],
  // userinfo in a URL: postgres://user:password@host, redis://:password@host, smtp://u:p@h
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, `$1${REDACTED}@`],
  // secrets carried in a query string or a cookie header
  [/\b((?:[\w-]*(?:token|secret|password|passwd|key|session))=)[^\s&;"']+/gi, `$1${REDACTED}`],
  // A JWT (header.payload.signature, base64url; headers always start with `{"` → eyJ).
  [/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, "[redacted jwt]"],
];

const SECRETS_KEY = Symbol.for("beacon.log.secrets");
type GlobalWithSecrets = typeof globalThis & { [SECRETS_KEY]?: Set<string> };

/** Configured secrets, shared by every bundle's copy of this module (see runtime.ts on vinxi routers). */
function knownSecrets(): Set<string> {
  const holder = globalThis as GlobalWithSecrets;
  return (holder[SECRETS_KEY] ??= secretsFromEnv(process.env));
}

const SECRET_ENV_NAME = /SECRET|TOKEN|PASSWORD|PRIVATE_KEY/;
/** Values shorter than this are not treated as secrets (they would scrub ordinary words). */
const MIN_SECRET_LENGTH = 8;

function secretsFromEnv(env: NodeJS.ProcessEnv): Set<string> {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value && SECRET_ENV_NAME.test(name) && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
  }
  return secrets;
}

/** A secret that did not come from the environment (generated under DATA_DIR, say): never log it either. */
export function registerSecret(value: string | Uint8Array): void {
  const text = typeof value === "string" ? value : new TextDecoder().decode(value);
  if (text.length >= MIN_SECRET_LENGTH) knownSecrets().add(text);
}

export function redactString(text: string): string {
  let result = text;
  for (const secret of knownSecrets()) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of VALUE_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

const MAX_DEPTH = 6;
const MAX_ARRAY_ITEMS = 50;

/** A copy of `value` safe to log: sensitive fields blanked, strings scrubbed, errors reduced to name, message and code. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactString(value);
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? String(value) : value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (value instanceof Error) return redactError(value, depth);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ARRAY_ITEMS).map((item) => redact(item, depth + 1));
    if (value.length > MAX_ARRAY_ITEMS) items.push(`[${value.length - MAX_ARRAY_ITEMS} more]`);
    return items;
  }
  if (typeof Headers !== "undefined" && value instanceof Headers) return redact(Object.fromEntries(value.entries()), depth);
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) result[key] = redactField(key, field, depth);
  return result;
}

function redactField(key: string, field: unknown, depth: number): unknown {
  if (field === undefined || field === null) return field;
  if (SENSITIVE_KEY.test(key) || EMAIL_BODY_KEY.test(key)) return REDACTED;
  return redact(field, depth + 1);
}

function redactError(error: Error, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = { name: error.name, message: redactString(error.message) };
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") result.code = code;
  if (error.cause !== undefined) result.cause = redact(error.cause, depth + 1);
  return result;
}
