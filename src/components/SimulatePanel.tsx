import { createSignal, For } from "solid-js";
import { simulate } from "~/lib/simulate";
import { SERVICE_LABELS, SERVICES, type Service } from "~/shared/alert";

/** Developer panel: sends sample events so alerts can be seen arriving live. Shown only when the server enables it. */
export function SimulatePanel() {
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal("");

  async function run(service?: Service) {
    setBusy(true);
    setMessage("");
    const result = await simulate(service);
    setBusy(false);
    if (!result.ok) return setMessage(result.message);
    const what = service ? `${SERVICE_LABELS[service]} event` : "event from every service";
    setMessage(`Sent a sample ${what} (${result.count} ${result.count === 1 ? "alert" : "alerts"}).`);
  }

  return (
    <section class="panel simulate-panel" aria-labelledby="simulate-heading">
      <h2 id="simulate-heading">Simulator</h2>
      <p class="panel__hint">Push a sample event through a service pipeline to see it arrive in real time.</p>
      <div class="simulate-panel__buttons">
        <For each={SERVICES}>
          {(service) => (
            <button type="button" class="button" disabled={busy()} onClick={() => run(service)}>
              Simulate {SERVICE_LABELS[service]}
            </button>
          )}
        </For>
        <button type="button" class="button button--primary" disabled={busy()} onClick={() => run()}>
          Simulate all
        </button>
      </div>
      <p class="simulate-panel__status" role="status" aria-live="polite">
        {message()}
      </p>
    </section>
  );
}
