/**
 * Checks a VAPID key pair before the server starts, so a pasted-wrong key fails at boot with
 * a message naming the variable instead of failing every push later with a 403 from the push
 * service. Keys are what `pnpm -s beacon vapid` prints: base64url, P-256, the public key as
 * the 65-byte uncompressed point, the private key as the 32-byte scalar.
 */
import { createECDH } from "node:crypto";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** mailto: or https: — how a push service operator reaches whoever runs this server. */
  subject: string;
}

/** Problems keyed by variable name; empty when the pair is usable. */
export function vapidProblems(keys: VapidKeys): Record<string, string> {
  const problems: Record<string, string> = {};
  const publicKey = decodeBase64Url(keys.publicKey);
  const privateKey = decodeBase64Url(keys.privateKey);
  if (!publicKey || publicKey.length !== 65 || publicKey[0] !== 0x04) {
    problems.VAPID_PUBLIC_KEY = "must be a base64url P-256 public key (65 bytes, uncompressed); generate one with `pnpm -s beacon vapid`";
  }
  if (!privateKey || privateKey.length !== 32) {
    problems.VAPID_PRIVATE_KEY = "must be a base64url P-256 private key (32 bytes); generate one with `pnpm -s beacon vapid`";
  }
  if (!problems.VAPID_PUBLIC_KEY && !problems.VAPID_PRIVATE_KEY) {
    const derived = publicKeyOf(privateKey!);
    if (!derived) problems.VAPID_PRIVATE_KEY = "is not a valid P-256 private key";
    else if (!derived.equals(publicKey!)) problems.VAPID_PUBLIC_KEY = "does not belong to VAPID_PRIVATE_KEY (the two must come from one `beacon vapid` run)";
  }
  if (!/^mailto:[^@\s]+@[^@\s]+$/.test(keys.subject) && !isHttpsUrl(keys.subject)) {
    problems.VAPID_SUBJECT = "must be a mailto: address or an https:// URL (push services use it to contact you)";
  }
  return problems;
}

function publicKeyOf(privateKey: Buffer): Buffer | null {
  try {
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(privateKey);
    return ecdh.getPublicKey();
  } catch {
    return null;
  }
}

function decodeBase64Url(value: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return null;
  return Buffer.from(value, "base64url");
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}
