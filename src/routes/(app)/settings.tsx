import { Title } from "@solidjs/meta";
import { SettingsPage } from "~/components/settings/SettingsPage";

/** /settings: delivery preferences, push on this device, family groups. */
export default function Settings() {
  return (
    <>
      <Title>Settings · Beacon</Title>
      <SettingsPage />
    </>
  );
}
