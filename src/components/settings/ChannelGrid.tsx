import { For } from "solid-js";
import { SERVICE_LABELS, SERVICES, type Service } from "~/shared/alert";
import { PREFERENCE_CHANNELS, type PreferenceChannel, type Preferences } from "~/shared/preferences";

export const CHANNEL_LABELS: Record<PreferenceChannel, string> = { toast: "In-app toast", push: "Push", email: "Email" };

/**
 * Service × channel switches as a real table: screen readers announce the row and column
 * headers with each checkbox, and each checkbox also carries its own full name.
 */
export function ChannelGrid(props: {
  channels: Preferences["channels"];
  disabled?: boolean;
  onChange: (service: Service, channel: PreferenceChannel, on: boolean) => void;
}) {
  return (
    <table class="channel-grid" data-testid="channel-grid">
      <caption class="visually-hidden">Which channels each service may use</caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <For each={PREFERENCE_CHANNELS}>{(channel) => <th scope="col">{CHANNEL_LABELS[channel]}</th>}</For>
        </tr>
      </thead>
      <tbody>
        <For each={SERVICES}>
          {(service) => (
            <tr>
              <th scope="row">{SERVICE_LABELS[service]}</th>
              <For each={PREFERENCE_CHANNELS}>
                {(channel) => (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${SERVICE_LABELS[service]}: ${CHANNEL_LABELS[channel]}`}
                      checked={props.channels[service][channel]}
                      disabled={props.disabled}
                      onChange={(event) => props.onChange(service, channel, event.currentTarget.checked)}
                    />
                  </td>
                )}
              </For>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
