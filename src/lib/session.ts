/**
 * Browser helpers for the cookie session (GET /api/session, POST /api/auth/login|logout).
 * The auth cookie is httpOnly, so the browser only ever learns who it is by asking.
 */
import { postJson, UNREACHABLE_MESSAGE } from "./post-json";

export interface SessionUser {
  id: string;
  /** Null for a user known only from a token minted elsewhere on the platform. */
  email: string | null;
  name: string;
  role: string;
}

export interface Session {
  user: SessionUser;
  expiresAt: string;
  features: { simulator: boolean };
}

export type SignInResult = { ok: true; user: SessionUser } | { ok: false; message: string };

/**
 * The current session, or null when the server says 401.
 * Throws on network or server errors so callers can tell "signed out" from "could not ask".
 *
 * @example
 * const session = await fetchSession();
 * if (!session) navigate(loginPath(location.pathname));
 */
export async function fetchSession(): Promise<Session | null> {
  const response = await fetch("/api/session", { credentials: "same-origin", headers: { accept: "application/json" } });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`GET /api/session answered ${response.status}`);
  return (await response.json()) as Session;
}

// Messages are ours, never the server's text, so nothing the request carried is echoed back.
const SIGN_IN_MESSAGES: Record<string, string> = {
  invalid_body: "Enter your email address and password.",
  invalid_credentials: "That email and password do not match an account.",
  rate_limited: "Too many sign-in attempts. Wait a minute, then try again.",
};

/**
 * Signs in with email and password; the server sets the auth cookie.
 *
 * @example
 * const result = await signIn("alice@example.com", "beacon-demo");
 * if (!result.ok) setError(result.message);
 */
export async function signIn(email: string, password: string): Promise<SignInResult> {
  const response = await postJson("/api/auth/login", { email, password });
  if (!response) return { ok: false, message: UNREACHABLE_MESSAGE };
  if (response.ok) {
    const body = (await response.json()) as { user: SessionUser };
    return { ok: true, user: body.user };
  }
  const code = await errorCode(response);
  return { ok: false, message: SIGN_IN_MESSAGES[code ?? ""] ?? "Sign-in failed. Please try again." };
}

/** Ends the session (the server clears the cookie). Throws when the server could not be reached. */
export async function signOut(): Promise<void> {
  const response = await postJson("/api/auth/logout");
  if (!response?.ok) throw new Error(`POST /api/auth/logout answered ${response?.status ?? "nothing"}`);
}

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === "string" ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}

const SIGN_OUT_KEY = "beacon.signedOutAt";

/**
 * Tells this browser's other tabs that the user signed out. Their sockets still hold a valid
 * token until it expires, so without this they would keep showing alerts after sign-out.
 */
export function announceSignOut(): void {
  try {
    localStorage.setItem(SIGN_OUT_KEY, String(Date.now()));
  } catch {
    // Storage blocked (private mode): the other tabs find out on their next reconnect.
  }
}

/** Calls `handler` when another tab of this browser signs out; returns the unsubscribe. */
export function onSignOutElsewhere(handler: () => void): () => void {
  if (typeof window === "undefined") return () => {};
  // `storage` fires only in the other tabs, never in the one that wrote.
  const listener = (event: StorageEvent) => {
    if (event.key === SIGN_OUT_KEY) handler();
  };
  window.addEventListener("storage", listener);
  return () => window.removeEventListener("storage", listener);
}
