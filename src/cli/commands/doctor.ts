/**
 * `beacon doctor`: checks a deployment's configuration and reaches every service it names
 * (store, Redis bus, SMTP, the server itself), then says what is missing or wrong.
 * Exit 1 when any check fails; warnings (optional features off) do not fail.
 * Never prints a secret: URLs are shown with their passwords scrubbed.
 */
import { vapidProblems } from "../../server/channels/vapid-keys";
import { EnvSchema, stripEmpty } from "../../server/config";
import { redactString } from "../../server/observe/redact";
import { parseFlags } from "../args";
import { checkStore, pingRedis, smtpBanner } from "../doctor-checks";
import type { Io } from "../main";

type Status = "ok" | "warn" | "fail";
interface Check {
  name: string;
  status: Status;
  detail: string;
}

const MARK: Record<Status, string> = { ok: "✓", warn: "!", fail: "✗" };

export async function doctor(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags(args, { json: { type: "boolean" }, url: { type: "string" } });
  const env = io.env;
  const checks: Check[] = [
    ...configChecks(env),
    ...pushChecks(env),
    await probe("store", () => checkStore(env)),
    env.REDIS_URL
      ? await probe("bus", async () => `Redis ${safe(env.REDIS_URL!)} answered ${await pingRedis(env.REDIS_URL!)}`)
      : { name: "bus", status: "ok", detail: "memory bus (one server); set REDIS_URL to run several" },
    ...(await emailChecks(env)),
    await serverCheck(values.url ?? env.BEACON_URL),
  ];
  if (values.json) io.out(JSON.stringify({ ok: !checks.some((c) => c.status === "fail"), checks }));
  else {
    for (const check of checks) io.out(`${MARK[check.status]} ${check.name.padEnd(10)} ${check.detail}`);
    const failed = checks.filter((c) => c.status === "fail").length;
    const warned = checks.filter((c) => c.status === "warn").length;
    io.out(failed ? `\n${failed} problem(s) to fix, ${warned} warning(s).` : `\nAll good${warned ? ` (${warned} warning(s))` : ""}.`);
  }
  return checks.some((c) => c.status === "fail") ? 1 : 0;
}

function configChecks(env: NodeJS.ProcessEnv): Check[] {
  const parsed = EnvSchema.safeParse(stripEmpty(env));
  const checks: Check[] = parsed.success
    ? [{ name: "config", status: "ok", detail: "every Beacon variable that is set is valid" }]
    : parsed.error.issues.map((issue) => ({ name: "config", status: "fail" as const, detail: `${issue.path.join(".")}: ${issue.message}` }));
  for (const name of ["AUTH_SECRET", "PUBLISH_SECRET"]) {
    if (!env[name]) checks.push({ name: "config", status: "warn", detail: `${name} not set: the server generates one under DATA_DIR; set it in production` });
  }
  if (!env.METRICS_TOKEN) checks.push({ name: "metrics", status: "warn", detail: "METRICS_TOKEN not set: /metrics is open to anyone who can reach the server" });
  return checks;
}

function pushChecks(env: NodeJS.ProcessEnv): Check[] {
  const names = ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"] as const;
  const present = names.filter((name) => env[name]);
  if (present.length === 0) return [{ name: "push", status: "warn", detail: "Web Push off: set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT (`beacon vapid` makes keys)" }];
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) return [{ name: "push", status: "fail", detail: `missing ${missing.join(", ")}` }];
  // The same checks the server makes at start-up (src/server/channels/vapid-keys.ts).
  const problems = Object.entries(vapidProblems({ publicKey: env.VAPID_PUBLIC_KEY!, privateKey: env.VAPID_PRIVATE_KEY!, subject: env.VAPID_SUBJECT! }));
  if (problems.length > 0) return problems.map(([name, message]) => ({ name: "push", status: "fail" as const, detail: `${name} ${message}` }));
  return [{ name: "push", status: "ok", detail: `VAPID keys valid and matching; subject ${env.VAPID_SUBJECT}` }];
}

async function emailChecks(env: NodeJS.ProcessEnv): Promise<Check[]> {
  if (!env.SMTP_URL) {
    return [{ name: "email", status: "warn", detail: "no SMTP_URL: alert emails are written as .eml files under DATA_DIR/outbox; set SMTP_URL (smtp:// or smtps://) and EMAIL_FROM to send them" }];
  }
  let url: URL;
  try {
    url = new URL(env.SMTP_URL);
    if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw new Error("scheme");
  } catch {
    return [{ name: "email", status: "fail", detail: "SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465" }];
  }
  const checks: Check[] = [];
  if (!env.EMAIL_FROM) checks.push({ name: "email", status: "fail", detail: "EMAIL_FROM is not set (the sender address of alert emails)" });
  else if (!/^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>$/.test(env.EMAIL_FROM)) {
    checks.push({ name: "email", status: "fail", detail: "EMAIL_FROM must be an address (alerts@example.com or Name <alerts@example.com>)" });
  }
  checks.push(await probe("smtp", async () => `${safe(env.SMTP_URL!)} greeted: ${(await smtpBanner(env.SMTP_URL!)).slice(0, 80)}`));
  return checks;
}

async function serverCheck(url: string | undefined): Promise<Check> {
  if (!url) return { name: "server", status: "ok", detail: "not checked (set BEACON_URL or --url to check a running server's /readyz)" };
  return probe("server", async () => {
    const response = await fetch(new URL("/readyz", url), { signal: AbortSignal.timeout(5000) });
    const body = (await response.json().catch(() => ({}))) as { reasons?: string[]; serverId?: string };
    if (!response.ok) throw new Error(`/readyz answered ${response.status}: ${(body.reasons ?? []).join("; ") || "not ready"}`);
    return `${safe(url)} is ready (server ${body.serverId ?? "?"})`;
  });
}

async function probe(name: string, run: () => Promise<string>): Promise<Check> {
  try {
    return { name, status: "ok", detail: redactString(await run()) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const message = (error as Error).message || (error as { code?: string }).code || String(error);
    return { name, status: "fail", detail: redactString(cause ? `${message} (${cause})` : message) };
  }
}

const safe = (url: string) => redactString(url);
