/**
 * An EmailMessage as nodemailer's mail options, the same for SMTP and for the outbox, with a
 * Message-ID that is the same on every send of the alert: `<alert.ID@the From address's
 * domain>` (see resend-token.ts). nodemailer's default is a new random id per send, which made
 * a resend after a crash or a lost SMTP answer a second message to every mail system.
 */
import type { SendMailOptions } from "nodemailer";
import type { EmailMessage } from "./providers";
import { resendTokenFor } from "./resend-token";

/** Long enough for any id Beacon makes; others are digested (resend-token.ts). */
const TOKEN_MAX_CHARS = 64;

/** `from` as config accepts it (EMAIL_FROM): `alerts@example.com` or `Beacon <alerts@example.com>`. */
export function mailOptionsFor(message: EmailMessage, from: string): SendMailOptions {
  const domain = /@([^<>@\s]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
  return {
    to: message.to,
    messageId: `<alert.${resendTokenFor(message.alertId, TOKEN_MAX_CHARS)}@${domain}>`,
    subject: message.subject,
    text: message.text,
    html: message.html,
  };
}
