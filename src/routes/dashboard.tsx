import { Title } from "@solidjs/meta";
import { AlertsDashboard } from "~/components/AlertsDashboard";
import { RequireSession } from "~/components/RequireSession";

export default function Dashboard() {
  return (
    <>
      <Title>Alerts · Beacon</Title>
      <RequireSession>{(session) => <AlertsDashboard session={session} />}</RequireSession>
    </>
  );
}
