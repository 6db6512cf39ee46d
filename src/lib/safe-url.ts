/**
 * Alert links come from other services. The wire schema already refuses `javascript:` and
 * friends, but a link is rendered only after checking again here, so a schema change or a
 * hand-built alert can never turn into script execution in the page.
 */
import { SafeUrlSchema } from "~/shared/alert";

export interface SafeLink {
  href: string;
  /** Absolute http(s) links open in a new tab; in-app paths stay in this one. */
  external: boolean;
}

/**
 * A link that is safe to put in `href`, or null.
 *
 * @example
 * safeLink("/dashboard")           // { href: "/dashboard", external: false }
 * safeLink("javascript:alert(1)")  // null
 */
export function safeLink(url: string | null | undefined): SafeLink | null {
  if (!url) return null;
  const trimmed = url.trim();
  if (!SafeUrlSchema.safeParse(trimmed).success) return null;
  if (trimmed.startsWith("/")) return { href: trimmed, external: false };
  try {
    const parsed = new URL(trimmed);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    return { href: parsed.href, external: true };
  } catch {
    return null;
  }
}
