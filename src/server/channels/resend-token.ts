/**
 * A name for one alert's message that is the same on every send, for the headers with which
 * push services and mail systems recognise a resend: Web Push's `Topic` (a push service keeps
 * only the newest message of a topic while the device is away) and email's `Message-ID` (mail
 * systems that dedupe show one copy). The ladder resends after a crash mid-send or an answer
 * that never came, so a stable name turns those duplicates back into one message.
 *
 * Every id Beacon makes is 26 letters and digits, which both headers take as they are; anything
 * else (a longer id, other characters) becomes a SHA-256 digest in base64url, cut to fit.
 */
import { createHash } from "node:crypto";

const PLAIN = /^[A-Za-z0-9]+$/;

export function resendTokenFor(alertId: string, maxLength: number): string {
  if (alertId.length <= maxLength && PLAIN.test(alertId)) return alertId;
  return createHash("sha256").update(alertId).digest("base64url").slice(0, maxLength);
}
