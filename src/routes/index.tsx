import { Navigate } from "@solidjs/router";

/** The dashboard is the home page; it sends signed-out visitors on to sign-in itself. */
export default function Index() {
  return <Navigate href="/dashboard" />;
}
