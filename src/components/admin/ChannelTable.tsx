/** Deliveries by channel (whatever channels the servers report: websocket, push, email…). */
import { For, Show } from "solid-js";
import type { ChannelCounts } from "~/shared/admin";

export function ChannelTable(props: { deliveries: Record<string, ChannelCounts> }) {
  const rows = () => Object.entries(props.deliveries).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Show when={rows().length > 0} fallback={<p class="panel__hint">No deliveries yet.</p>}>
      <table class="admin-table" aria-label="Deliveries by channel">
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">Delivered</th>
            <th scope="col">Skipped</th>
            <th scope="col">Failed</th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {([channel, counts]) => (
              <tr data-channel={channel}>
                <th scope="row">{channel}</th>
                <td>{counts.delivered}</td>
                <td>{counts.skipped}</td>
                <td data-alarm={counts.failed > 0 ? "true" : undefined}>{counts.failed}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}
