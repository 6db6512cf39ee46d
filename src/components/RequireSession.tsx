import { useLocation, useNavigate } from "@solidjs/router";
import { createSignal, type JSX, Match, onMount, Switch } from "solid-js";
import { loginPath } from "~/lib/redirect";
import { fetchSession, type Session } from "~/lib/session";

type SessionStatus = { kind: "checking" } | { kind: "failed" } | { kind: "valid"; session: Session };

/**
 * Renders its children only for a signed-in user. The session is asked for in the browser
 * (onMount never runs during SSR), so everything inside, including the alert socket,
 * exists only once the server has confirmed the session.
 */
export function RequireSession(props: { children: (session: Session) => JSX.Element }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [status, setStatus] = createSignal<SessionStatus>({ kind: "checking" });

  async function check() {
    setStatus({ kind: "checking" });
    try {
      const session = await fetchSession();
      if (session) return setStatus({ kind: "valid", session });
      navigate(loginPath(location.pathname + location.search), { replace: true });
    } catch {
      setStatus({ kind: "failed" });
    }
  }

  onMount(() => void check());
  const session = () => {
    const current = status();
    return current.kind === "valid" ? current.session : undefined;
  };

  return (
    <Switch>
      <Match when={status().kind === "checking"}>
        <p class="session-pending" aria-busy="true">
          Checking your session…
        </p>
      </Match>
      <Match when={status().kind === "failed"}>
        <div class="session-pending">
          <p>Beacon could not check your session.</p>
          <button type="button" class="button" onClick={() => void check()}>
            Try again
          </button>
        </div>
      </Match>
      <Match when={session()} keyed>
        {(valid) => props.children(valid)}
      </Match>
    </Switch>
  );
}
