/**
 * The operators' dashboard: the cluster's figures, a chart of alerts per second, deliveries
 * by channel, each server, and the live event list. Everything after the first paint comes
 * over the page's one socket (stats every 5 s, events as they happen).
 */
import { Match, Show, Switch } from "solid-js";
import type { AdminFeedState } from "~/lib/admin-feed";
import { SERIES_BUCKET_MS } from "~/shared/admin";
import { AdminForbidden } from "./AdminForbidden";
import { ChannelTable } from "./ChannelTable";
import { EventList } from "./EventList";
import { RateChart } from "./RateChart";
import { ServerTable } from "./ServerTable";
import { StatTiles } from "./StatTiles";

export function AdminDashboard(props: { feed: AdminFeedState; connected: boolean }) {
  const feed = () => props.feed;
  const servers = () => feed().stats()?.servers ?? [];
  return (
    <Switch>
      <Match when={feed().status() === "forbidden"}>
        <AdminForbidden />
      </Match>
      <Match when={feed().status() === "loading"}>
        <p class="session-pending">Loading the dashboard…</p>
      </Match>
      <Match when={feed().status() === "error" || feed().status() === "unauthorized"}>
        <main class="centered-page">
          <section class="card" role="alert">
            <h1>Dashboard unavailable</h1>
            <p class="card__lead">The server could not be asked for its figures. Reload in a moment.</p>
          </section>
        </main>
      </Match>
      <Match when={feed().totals()}>
        {(totals) => (
          <main class="admin" aria-labelledby="admin-title">
            <header class="admin__header" data-stats-at={feed().stats()?.at}>
              <h1 id="admin-title">Operations</h1>
              <p class="panel__hint" data-live={props.connected ? "true" : "false"}>
                {servers().length} server{servers().length === 1 ? "" : "s"} ·{" "}
                {props.connected ? "live" : "not live: reconnecting"}
                <Show when={feed().lastUpdateAt()}>{(at) => <> · updated {new Date(at()).toLocaleTimeString()}</>}</Show>
              </p>
            </header>
            <StatTiles totals={totals()} />
            <section class="panel" aria-labelledby="admin-rate-title">
              <h2 id="admin-rate-title">Alerts per second</h2>
              <RateChart perSecond={totals().alertsPerSecond} bucketSeconds={SERIES_BUCKET_MS / 1000} />
            </section>
            <div class="admin__columns">
              <section class="panel" aria-labelledby="admin-channels-title">
                <h2 id="admin-channels-title">Deliveries by channel</h2>
                <ChannelTable deliveries={totals().deliveries} />
              </section>
              <section class="panel" aria-labelledby="admin-servers-title">
                <h2 id="admin-servers-title">Servers</h2>
                <ServerTable servers={servers()} self={servers()[0]?.serverId ?? null} />
              </section>
            </div>
            <EventList events={feed().events()} servers={servers().map((server) => server.serverId)} />
          </main>
        )}
      </Match>
    </Switch>
  );
}
