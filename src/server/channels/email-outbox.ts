/**
 * The default email provider on a machine with no SMTP_URL: each message becomes an RFC 822
 * `.eml` file under DATA_DIR/outbox/ (open it in any mail client), plus one log line naming
 * the file, so the ladder's last rung is visible without a mail server.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { log } from "../log";
import { mailOptionsFor } from "./email-compose";
import type { EmailMessage, EmailProvider, SendResult } from "./providers";

export function createOutboxEmailProvider(options: { dir: string; from: string }): EmailProvider {
  // nodemailer builds the raw message (headers, multipart/alternative, encodings) exactly as it would for SMTP.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" }, { from: options.from });

  async function send(message: EmailMessage): Promise<SendResult> {
    try {
      const info = await composer.sendMail(mailOptionsFor(message, options.from));
      await mkdir(options.dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}.eml`;
      const file = join(options.dir, name);
      // Written aside and renamed, so a reader never sees half a message.
      await writeFile(`${file}.tmp`, info.message as Buffer, { mode: 0o600 });
      await rename(`${file}.tmp`, file);
      log("info", "email written to the outbox (no SMTP_URL set)", { file, subject: message.subject });
      return { status: "sent", id: info.messageId, detail: `written to outbox/${name}` };
    } catch (error) {
      // A full or read-only disk may recover; retrying is cheap.
      return { status: "transient", detail: `could not write to the outbox: ${(error as Error).message}` };
    }
  }

  return { kind: "outbox", send } satisfies EmailProvider;
}
