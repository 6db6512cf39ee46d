import { Title } from "@solidjs/meta";
import { PushDeviceSettings } from "~/components/settings/PushDeviceSettings";

/**
 * /settings. A placeholder on the channels branch so "push on this device" can be used and
 * tested on its own; the preferences page (service × channel grid, DND, quiet hours, groups)
 * replaces this file at merge and keeps the <PushDeviceSettings /> mount.
 */
export default function Settings() {
  return (
    <>
      <Title>Settings · Beacon</Title>
      <div class="settings-page">
        <PushDeviceSettings />
      </div>
    </>
  );
}
