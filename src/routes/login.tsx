import { Title } from "@solidjs/meta";
import { useNavigate, useSearchParams } from "@solidjs/router";
import { onMount } from "solid-js";
import { SignInForm } from "~/components/SignInForm";
import { safeNextPath } from "~/lib/redirect";
import { fetchSession } from "~/lib/session";

export default function Login() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = () => safeNextPath(typeof params.next === "string" ? params.next : undefined);
  // Already signed in (another tab, a bookmark): skip the form.
  onMount(() => {
    fetchSession()
      .then((session) => session && navigate(next(), { replace: true }))
      .catch(() => {});
  });

  return (
    <main class="centered-page">
      <Title>Sign in · Beacon</Title>
      <div class="card sign-in">
        <h1>Sign in to Beacon</h1>
        <p class="card__lead">Real-time alerts from DarkWatch, VoicePrint, SpamShield, HomeTitle and RemoveBrokers.</p>
        <SignInForm onSignedIn={() => navigate(next(), { replace: true })} />
        <p class="demo-hint">
          Demo accounts: <code>alice@example.com</code>, <code>bob@example.com</code>, <code>carol@example.com</code>,
          password <code>beacon-demo</code>.
        </p>
      </div>
    </main>
  );
}
