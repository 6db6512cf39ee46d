/** `beacon token`: mint a session token the way sign-in does (same signer, same claims). */
import { signSessionToken } from "../../server/auth/token";
import { UserIdSchema } from "../../shared/alert";
import { durationSeconds, parseFlags, required, SetupError, UsageError } from "../args";
import type { Io } from "../main";

export async function token(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags(args, {
    user: { type: "string" },
    admin: { type: "boolean" },
    ttl: { type: "string" },
  });
  const userId = parseUserId(required(values.user, "--user"));
  const ttlSeconds = durationSeconds(values.ttl ?? "1h", "--ttl");
  io.out(await mintToken(io.env, userId, values.admin ? "admin" : "user", ttlSeconds));
  return 0;
}

export function parseUserId(value: string): string {
  const parsed = UserIdSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--user ${parsed.error.issues[0]?.message ?? "is not a valid user id"}`);
  return parsed.data;
}

/** Signs with AUTH_SECRET from the environment (never a flag: flags show up in `ps` and shell history). */
export async function mintToken(env: NodeJS.ProcessEnv, userId: string, role: "user" | "admin", ttlSeconds: number): Promise<string> {
  const secret = env.AUTH_SECRET;
  if (!secret) throw new SetupError("AUTH_SECRET is not set: export the server's AUTH_SECRET to mint tokens (or pass --token to tail)");
  if (secret.length < 32) throw new SetupError("AUTH_SECRET must be at least 32 characters, as the server requires");
  return signSessionToken(new TextEncoder().encode(secret), { userId, role }, ttlSeconds);
}
