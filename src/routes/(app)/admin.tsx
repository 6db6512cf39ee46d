import { Title } from "@solidjs/meta";
import { Show } from "solid-js";
import { AdminDashboard } from "~/components/admin/AdminDashboard";
import { AdminForbidden } from "~/components/admin/AdminForbidden";
import { createAdminFeed } from "~/hooks/createAdminFeed";
import { useAppShell } from "~/hooks/useAppShell";

/** /admin: the operators' dashboard, for admin sessions; others get the 403 page (the API refuses them too). */
export default function Admin() {
  const { session, realtime } = useAppShell();
  return (
    <>
      <Title>Operations · Beacon</Title>
      <Show when={session.user.role === "admin"} fallback={<AdminForbidden />}>
        <AdminPage realtime={realtime} />
      </Show>
    </>
  );
}

function AdminPage(props: { realtime: ReturnType<typeof useAppShell>["realtime"] }) {
  const feed = createAdminFeed(props.realtime);
  return <AdminDashboard feed={feed} connected={props.realtime.state() === "open"} />;
}
