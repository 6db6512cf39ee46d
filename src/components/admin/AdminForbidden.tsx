/** What a signed-in user who is not an admin sees at /admin. */
export function AdminForbidden() {
  return (
    <main class="centered-page">
      <section class="card" role="alert" aria-labelledby="forbidden-title">
        <h1 id="forbidden-title">403 · Admins only</h1>
        <p class="card__lead">The operators' dashboard is for Beacon administrators. Your account does not have that role.</p>
        <a class="button" href="/dashboard">
          Back to your alerts
        </a>
      </section>
    </main>
  );
}
