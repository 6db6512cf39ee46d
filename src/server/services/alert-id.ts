/**
 * Alert ids sort by creation time (48-bit ms timestamp, then 80 random bits, Crockford
 * base32, like a ULID), so listing by id is listing by time and ids never collide across
 * processes.
 */
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_BYTES_PER_ID = 10;

// Random bytes drawn 4 KiB at a time: one randomBytes call per id was 3% of a publish's CPU.
let pool = Buffer.alloc(0);
let poolOffset = 0;
function nextRandom(): Buffer {
  if (poolOffset + RANDOM_BYTES_PER_ID > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  const slice = pool.subarray(poolOffset, poolOffset + RANDOM_BYTES_PER_ID);
  poolOffset += RANDOM_BYTES_PER_ID;
  return slice;
}

export function newAlertId(now: number = Date.now()): string {
  let time = "";
  let remaining = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[remaining % 32] + time;
    remaining = Math.floor(remaining / 32);
  }
  const random = nextRandom();
  let tail = "";
  // 80 bits → 16 base32 characters, 5 bits at a time.
  let buffer = 0;
  let bits = 0;
  for (const byte of random) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      tail += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return time + tail;
}
