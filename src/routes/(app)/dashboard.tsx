import { Title } from "@solidjs/meta";
import { AlertsDashboard } from "~/components/AlertsDashboard";

export default function Dashboard() {
  return (
    <>
      <Title>Alerts · Beacon</Title>
      <AlertsDashboard />
    </>
  );
}
