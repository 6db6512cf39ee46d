import { createSignal, onMount, Show } from "solid-js";
import { signIn } from "~/lib/session";

/** Email + password form; reports success to the page, which decides where to go. */
export function SignInForm(props: { onSignedIn: () => void }) {
  const [error, setError] = createSignal("");
  const [pending, setPending] = createSignal(false);
  // Until the page is hydrated a submit would be a native form post; keep the button off until then.
  const [ready, setReady] = createSignal(false);
  onMount(() => setReady(true));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setPending(true);
    setError("");
    const result = await signIn(String(form.get("email") ?? "").trim(), String(form.get("password") ?? ""));
    setPending(false);
    if (result.ok) props.onSignedIn();
    else setError(result.message);
  }

  return (
    <form class="sign-in-form" method="post" onSubmit={submit} noValidate>
      <label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="username" required />
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required />
      <Show when={error()}>
        <p class="form-error" role="alert">
          {error()}
        </p>
      </Show>
      <button type="submit" class="button button--primary" disabled={!ready() || pending()}>
        Sign in
      </button>
    </form>
  );
}
