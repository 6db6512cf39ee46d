import type { RouteSectionProps } from "@solidjs/router";
import { AppShell } from "~/components/AppShell";
import { RequireSession } from "~/components/RequireSession";

/**
 * The layout of every signed-in page (`(app)/…`; the parentheses keep it out of the URL).
 * It stays mounted while the user moves between those pages, so the session is checked once
 * and the realtime connection, badge and toasts carry on across navigation.
 */
export default function SignedInLayout(props: RouteSectionProps) {
  return <RequireSession>{(session) => <AppShell session={session}>{props.children}</AppShell>}</RequireSession>;
}
