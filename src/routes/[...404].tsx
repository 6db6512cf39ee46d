import { Title } from "@solidjs/meta";
import { HttpStatusCode } from "@solidjs/start";

export default function NotFound() {
  return (
    <main class="centered-page">
      <Title>Not found · Beacon</Title>
      <HttpStatusCode code={404} />
      <div class="card">
        <h1>Page not found</h1>
        <p>There is nothing at this address.</p>
        <a class="button button--primary" href="/dashboard">
          Go to your alerts
        </a>
      </div>
    </main>
  );
}
