/**
 * The accounts that can sign in. Until accounts live in the store, a seeded directory of
 * demo users (documented in README) with scrypt-hashed passwords.
 */
import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

export interface User {
  id: string;
  /** Null for users known only from a token minted elsewhere on the platform. */
  email: string | null;
  name: string;
  role: "user" | "admin";
}

export interface UserDirectory {
  findById(id: string): User | undefined;
  /** Case and surrounding spaces do not matter, as at sign-in. */
  findByEmail(email: string): User | undefined;
  /** Returns the user only when the password matches; same work whether or not the email exists. */
  verifyPassword(email: string, password: string): User | undefined;
}

export const DEMO_PASSWORD = "beacon-demo";

const DEMO_USERS: Array<User & { email: string }> = [
  { id: "alice", email: "alice@example.com", name: "Alice Moreau", role: "admin" },
  { id: "bob", email: "bob@example.com", name: "Bob Okafor", role: "user" },
  { id: "carol", email: "carol@example.com", name: "Carol Lindqvist", role: "user" },
];

interface StoredUser extends User {
  email: string;
  salt: Buffer;
  hash: Buffer;
}

const KEY_LENGTH = 32;

export function createSeededUserDirectory(users: Array<User & { email: string }> = DEMO_USERS, password = DEMO_PASSWORD): UserDirectory {
  const byEmail = new Map<string, StoredUser>();
  const byId = new Map<string, StoredUser>();
  for (const user of users) {
    const salt = randomBytes(16);
    const stored = { ...user, salt, hash: scryptSync(password, salt, KEY_LENGTH) };
    byEmail.set(user.email.toLowerCase(), stored);
    byId.set(user.id, stored);
  }
  // Hashing against a decoy for unknown emails keeps response time from revealing which exist.
  const decoySalt = randomBytes(16);
  const decoyHash = scryptSync(randomBytes(16), decoySalt, KEY_LENGTH);

  const publicView = ({ id, email, name, role }: StoredUser): User => ({ id, email, name, role });

  return {
    findById(id) {
      const user = byId.get(id);
      return user && publicView(user);
    },
    findByEmail(email) {
      const user = byEmail.get(email.trim().toLowerCase());
      return user && publicView(user);
    },
    verifyPassword(email, candidate) {
      const user = byEmail.get(email.trim().toLowerCase());
      const hash = scryptSync(candidate, user?.salt ?? decoySalt, KEY_LENGTH);
      const matches = timingSafeEqual(hash, user?.hash ?? decoyHash);
      return user && matches ? publicView(user) : undefined;
    },
  };
}
