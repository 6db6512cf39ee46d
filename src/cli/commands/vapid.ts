/**
 * `beacon vapid`: a Web Push (VAPID, RFC 8292) key pair on P-256. The public key is the
 * uncompressed point (65 bytes), the private key the 32-byte scalar, both base64url, which
 * is what VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY and browsers' applicationServerKey expect.
 */
import { createECDH } from "node:crypto";
import { parseFlags } from "../args";
import type { Io } from "../main";

export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return {
    publicKey: ecdh.getPublicKey().toString("base64url"),
    // getPrivateKey drops leading zero bytes; the scalar is always 32 bytes on the wire.
    privateKey: Buffer.from(ecdh.getPrivateKey("hex").padStart(64, "0"), "hex").toString("base64url"),
  };
}

export async function vapid(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags(args, { json: { type: "boolean" } });
  const keys = generateVapidKeys();
  if (values.json) io.out(JSON.stringify(keys));
  else {
    io.out(`VAPID_PUBLIC_KEY=${keys.publicKey}`);
    io.out(`VAPID_PRIVATE_KEY=${keys.privateKey}`);
    io.out(`# and VAPID_SUBJECT=mailto:you@example.com (or an https:// URL) so push services can reach you`);
  }
  return 0;
}
