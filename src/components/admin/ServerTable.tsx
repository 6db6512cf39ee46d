/** Each server's own figures, so an operator can see which one is struggling. */
import { For } from "solid-js";
import { percentileFromHistogram, type ServerStats } from "~/shared/admin";
import { formatMs } from "./StatTiles";

export function ServerTable(props: { servers: readonly ServerStats[]; self: string | null }) {
  // Eight columns do not fit a phone: the table scrolls inside its panel, not the whole page.
  // Focusable, so a keyboard can scroll it too.
  return (
    <div class="admin-table__scroll" tabindex="0" role="region" aria-label="Servers table">
      <table class="admin-table" aria-label="Servers">
        <thead>
          <tr>
            <th scope="col">Server</th>
            <th scope="col">Bus / store</th>
            <th scope="col">Sockets</th>
            <th scope="col">Users</th>
            <th scope="col">Published</th>
            <th scope="col">p99</th>
            <th scope="col">Errors</th>
            <th scope="col">Reported</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.servers}>
            {(server) => (
              <tr data-server={server.serverId}>
                <th scope="row">
                  {server.serverId}
                  {server.serverId === props.self ? " (this one)" : ""}
                </th>
                <td>
                  {server.bus} / {server.store}
                </td>
                <td>{server.sockets}</td>
                <td>{server.usersOnline}</td>
                <td>{server.published}</td>
                <td>{formatMs(percentileFromHistogram(server.latency, 0.99))}</td>
                <td data-alarm={server.errors > 0 ? "true" : undefined}>{server.errors}</td>
                <td>{new Date(server.at).toLocaleTimeString()}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
