/** Chooses the email provider once from config: SMTP when SMTP_URL is set, else the .eml outbox. */
import { join } from "node:path";
import type { BeaconConfig } from "../config";
import { createOutboxEmailProvider } from "./email-outbox";
import { createSmtpEmailProvider } from "./email-smtp";
import type { EmailProvider } from "./providers";

export function createEmailProviderFromConfig(config: Pick<BeaconConfig, "smtpUrl" | "emailFrom" | "dataDir">): EmailProvider {
  if (config.smtpUrl) return createSmtpEmailProvider({ url: config.smtpUrl, from: config.emailFrom });
  return createOutboxEmailProvider({ dir: join(config.dataDir, "outbox"), from: config.emailFrom });
}
