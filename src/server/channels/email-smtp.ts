/**
 * Email over SMTP (nodemailer), one connection per message: alert email is rare (the last
 * rung of the ladder), and a pool would hold sockets open to a server we rarely talk to.
 */
import nodemailer, { type NodemailerError } from "nodemailer";
import { mailOptionsFor } from "./email-compose";
import type { EmailMessage, EmailProvider, SendResult } from "./providers";

export interface SmtpOptions {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465 (TLS from the start). */
  url: string;
  from: string;
  /** Connect, greeting and each command's answer. */
  timeoutMs?: number;
}

export function createSmtpEmailProvider(options: SmtpOptions): EmailProvider {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport(
    { url: options.url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs },
    { from: options.from },
  );
  const host = safeHost(options.url);

  async function send(message: EmailMessage): Promise<SendResult> {
    try {
      const info = await transport.sendMail(mailOptionsFor(message, options.from));
      if (info.rejected.length > 0 && info.accepted.length === 0) {
        return { status: "rejected", detail: `${host} refused the recipient` };
      }
      return { status: "sent", id: info.messageId, detail: `${host}: ${firstLine(info.response)}` };
    } catch (error) {
      return failure(error as NodemailerError, host);
    }
  }

  return { kind: "smtp", send } satisfies EmailProvider;
}

/**
 * An SMTP reply decides (5xx: the server will refuse it again, except 503 "bad sequence";
 * 4xx: try later), else the kind of failure: no connection or a timeout is transient, bad
 * credentials or a malformed address are not.
 */
function failure(error: NodemailerError, host: string): SendResult {
  const reply = error.responseCode ? `${error.responseCode} ${firstLine(error.response ?? "")}`.trim() : null;
  if (error.responseCode) {
    const permanent = error.permanent ?? (error.responseCode >= 500 && error.responseCode !== 503);
    return permanent ? { status: "rejected", detail: `${host} answered ${reply}` } : { status: "transient", detail: `${host} answered ${reply}` };
  }
  if (error.code === "EAUTH" || error.code === "ENOAUTH" || error.code === "EENVELOPE" || error.code === "ECONFIG") {
    return { status: "rejected", detail: `${host}: ${error.code} ${error.message}` };
  }
  return { status: "transient", detail: `${host}: ${error.code ?? "error"} ${error.message}` };
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0]!.slice(0, 200);
}

/** host:port only: the URL may carry a password. */
function safeHost(url: string): string {
  const parsed = new URL(url);
  return parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
}
