/**
 * A real local HTTP server playing a Web Push service (FCM, Mozilla autopush, Apple), for
 * tests of the push provider and the delivery ladder. It does what a push service does with
 * a request, for real: checks the VAPID `Authorization: vapid t=<jwt>, k=<key>` (RFC 8292:
 * ES256 signature against k, `aud` = the endpoint's origin, `exp` in the next 24 h, `sub`
 * present), and decrypts the aes128gcm body (RFC 8291 + RFC 8188) with the browser-side keys
 * it handed out in `subscription()`, so a test sees exactly what a service worker would get.
 *
 * @example
 * const push = await startPushService();
 * const sub = push.subscription();                 // POST this to /api/push/subscriptions
 * push.respondWith(sub.endpoint, 410);             // the browser unsubscribed
 * const [message] = await push.waitFor(1);         // { payload: { alertId, ... }, status: 410, ... }
 */
import { createECDH, createDecipheriv, createHmac, randomBytes, randomUUID, type ECDH } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { importJWK, jwtVerify } from "jose";
import { generateVapidKeys } from "../../src/cli/commands/vapid";
import { eventually } from "./eventually";

/** `PushSubscription.toJSON()` as a browser would hand it to the app. */
export interface TestSubscription {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

export interface ReceivedPush {
  endpoint: string;
  /** The decrypted body, JSON-parsed (the raw text when it was not JSON). */
  payload: unknown;
  ttl: number;
  urgency: string;
  topic: string | null;
  vapid: { subject: string; publicKey: string; expiresAt: number };
  /** What this service answered (201 unless the test said otherwise). */
  status: number;
  at: Date;
}

/** A request the service refused before looking at what the test wanted: bad VAPID, undecryptable, unknown endpoint. */
export interface RefusedPush {
  endpoint: string;
  status: number;
  reason: string;
}

type Answer = number | "hang";

export interface PushService {
  /** The origin, e.g. http://127.0.0.1:41234 */
  url: string;
  /**
   * A new browser-side subscription: a P-256 key pair and a 16-byte auth secret, kept here to
   * decrypt what arrives. `applicationServerKey` binds it to one VAPID public key, as real
   * services do: a request signed with another key is refused with 403.
   */
  subscription(options?: { applicationServerKey?: string }): TestSubscription;
  received(): ReceivedPush[];
  refused(): RefusedPush[];
  /**
   * How to answer this endpoint from now on: one status (every request), or a list used once
   * each, in order, then back to 201. "hang" never answers (a timeout). 429 and 503 carry
   * `Retry-After` (default "2").
   */
  respondWith(endpoint: string, answer: Answer | Answer[], options?: { retryAfter?: string }): void;
  /** Resolves once at least `count` pushes were received (any status), or rejects after timeoutMs. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedPush[]>;
  close(): Promise<void>;
}

/** Real services take at least 4096 bytes of encrypted payload (RFC 8030 §7.2); more is 413. */
const MAX_BODY = 4096;

interface Client {
  ecdh: ECDH;
  publicKey: Buffer;
  auth: Buffer;
  applicationServerKey?: string;
  answers: Answer[];
  sticky: Answer | null;
  retryAfter: string;
}

export async function startPushService(): Promise<PushService> {
  const clients = new Map<string, Client>();
  const received: ReceivedPush[] = [];
  const refused: RefusedPush[] = [];
  const sockets = new Set<Socket>();
  let origin = "";

  const server = createServer((request, response) => {
    void handle(request, response).catch((error) => {
      refused.push({ endpoint: `${origin}${request.url}`, status: 500, reason: `push service crashed: ${(error as Error).message}` });
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const endpoint = `${origin}${request.url}`;
    const body = await readBody(request);
    const refuse = (status: number, reason: string) => {
      refused.push({ endpoint, status, reason });
      response.writeHead(status, { "content-type": "text/plain" }).end(reason);
    };
    const client = clients.get(endpoint);
    if (request.method !== "POST") return refuse(405, "push messages are POSTed");
    if (!client) return refuse(404, "no such subscription");
    const vapid = await verifyVapid(request.headers.authorization, origin);
    if (typeof vapid === "string") return refuse(401, vapid);
    if (client.applicationServerKey && vapid.publicKey !== client.applicationServerKey) {
      return refuse(403, "VAPID key does not match the subscription's applicationServerKey");
    }
    const ttl = Number(request.headers.ttl);
    if (request.headers.ttl === undefined || !Number.isInteger(ttl) || ttl < 0) return refuse(400, "missing or invalid TTL header");
    if (request.headers["content-encoding"] !== "aes128gcm") return refuse(415, "Content-Encoding must be aes128gcm");
    if (body.length > MAX_BODY) return refuse(413, `payload of ${body.length} bytes exceeds ${MAX_BODY}`);
    let text: string;
    try {
      text = decrypt(body, client).toString("utf8");
    } catch (error) {
      return refuse(400, `could not decrypt: ${(error as Error).message}`);
    }
    const answer = client.answers.length > 0 ? client.answers.shift()! : (client.sticky ?? 201);
    received.push({
      endpoint,
      payload: parseJson(text),
      ttl,
      urgency: String(request.headers.urgency ?? "normal"),
      topic: request.headers.topic ? String(request.headers.topic) : null,
      vapid,
      status: answer === "hang" ? 0 : answer,
      at: new Date(),
    });
    if (answer === "hang") return; // the socket stays open until the client gives up or close()
    const headers: Record<string, string> = {};
    if (answer === 201) headers.location = `${origin}/message/${randomUUID()}`;
    if (answer === 429 || answer === 503) headers["retry-after"] = client.retryAfter;
    response.writeHead(answer, headers).end();
  }

  return {
    url: origin,
    subscription(options = {}) {
      const ecdh = createECDH("prime256v1");
      const publicKey = ecdh.generateKeys();
      const auth = randomBytes(16);
      const endpoint = `${origin}/push/${randomUUID()}`;
      clients.set(endpoint, { ecdh, publicKey, auth, applicationServerKey: options.applicationServerKey, answers: [], sticky: null, retryAfter: "2" });
      return { endpoint, expirationTime: null, keys: { p256dh: publicKey.toString("base64url"), auth: auth.toString("base64url") } };
    },
    received: () => [...received],
    refused: () => [...refused],
    respondWith(endpoint, answer, options = {}) {
      const client = clients.get(endpoint);
      if (!client) throw new Error(`respondWith: ${endpoint} is not a subscription of this push service`);
      if (Array.isArray(answer)) client.answers.push(...answer);
      else {
        client.answers = [];
        client.sticky = answer;
      }
      if (options.retryAfter) client.retryAfter = options.retryAfter;
    },
    async waitFor(count, timeoutMs = 5000) {
      await eventually(() => received.length >= count, timeoutMs).catch(() => {
        throw new Error(`push service: expected ${count} push(es) within ${timeoutMs} ms, got ${received.length}; refused: ${JSON.stringify(refused)}`);
      });
      return [...received];
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** VAPID env for a Beacon server under test: fresh keys, and this service's endpoints allowed (plain http on 127.0.0.1). */
export function pushServerEnv(keys = generateVapidKeys()): Record<string, string> {
  return {
    VAPID_PUBLIC_KEY: keys.publicKey,
    VAPID_PRIVATE_KEY: keys.privateKey,
    VAPID_SUBJECT: "mailto:security@beacon.test",
    PUSH_ALLOW_HTTP_ENDPOINTS: "true",
    PUSH_ENDPOINT_HOSTS: "127.0.0.1",
  };
}

/** RFC 8292 §3: `vapid t=<JWT>, k=<uncompressed P-256 public key>`. Returns the reason on failure. */
async function verifyVapid(header: string | undefined, audience: string): Promise<ReceivedPush["vapid"] | string> {
  const match = /^vapid\s+(.+)$/i.exec(header ?? "");
  if (!match) return "Authorization must be `vapid t=..., k=...`";
  const params = Object.fromEntries(
    match[1]!.split(",").map((part) => {
      const [name, ...rest] = part.trim().split("=");
      return [name!.toLowerCase(), rest.join("=")];
    }),
  );
  if (!params.t || !params.k) return "VAPID header lacks t= or k=";
  const point = Buffer.from(params.k, "base64url");
  if (point.length !== 65 || point[0] !== 0x04) return "VAPID k= is not an uncompressed P-256 public key";
  try {
    const key = await importJWK(
      { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") },
      "ES256",
    );
    const { payload } = await jwtVerify(params.t, key, { algorithms: ["ES256"], audience, requiredClaims: ["exp", "sub"] });
    const nowSeconds = Date.now() / 1000;
    if (payload.exp! > nowSeconds + 24 * 60 * 60 + 60) return "VAPID exp is more than 24 hours ahead";
    if (typeof payload.sub !== "string" || !/^(mailto:|https:)/.test(payload.sub)) return "VAPID sub must be mailto: or https:";
    return { subject: payload.sub, publicKey: params.k, expiresAt: payload.exp! };
  } catch (error) {
    return `VAPID JWT rejected: ${(error as Error).message}`;
  }
}

const hmac = (key: Buffer, data: Buffer) => createHmac("sha256", key).update(data).digest();

/** RFC 8291 §3.4 key derivation, then RFC 8188 records: salt(16) rs(4) idlen(1) keyid(the sender's public key) ciphertext. */
function decrypt(body: Buffer, client: Client): Buffer {
  if (body.length < 21) throw new Error("body shorter than the aes128gcm header");
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const senderKey = body.subarray(21, 21 + idLength);
  if (idLength !== 65) throw new Error(`keyid must be the sender's 65-byte public key, got ${idLength} bytes`);
  if (recordSize < 18) throw new Error(`record size ${recordSize} is too small`);
  const ecdhSecret = client.ecdh.computeSecret(senderKey);
  const prkKey = hmac(client.auth, ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), client.publicKey, senderKey, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01")).subarray(0, 16);
  const baseNonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01")).subarray(0, 12);

  const ciphertext = body.subarray(21 + idLength);
  const plain: Buffer[] = [];
  for (let offset = 0, seq = 0; offset < ciphertext.length; offset += recordSize, seq++) {
    const record = ciphertext.subarray(offset, offset + recordSize);
    const nonce = Buffer.from(baseNonce);
    // The record sequence number is XORed into the nonce's low end (records here number far below 2^32).
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    // Each record ends with a delimiter (2 on the last, 1 before) and then zero padding.
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    const last = offset + recordSize >= ciphertext.length;
    if (padded[end] !== (last ? 2 : 1)) throw new Error("bad record padding delimiter");
    plain.push(padded.subarray(0, end));
  }
  return Buffer.concat(plain);
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
