/**
 * A delivery channel gets one alert to one user by one means (socket, push, email).
 * The publisher walks the channels in order and stops at the first that delivers.
 * A channel reports failure in its outcome instead of throwing, so one broken
 * provider never blocks the rest of the ladder.
 */
import type { Alert } from "../../shared/alert";
import type { ChannelName } from "../../shared/inbox";
import type { MaybePromise } from "../maybe-promise";

export type { ChannelName };

export type DeliveryOutcome =
  | { channel: ChannelName; status: "delivered"; at: string; detail?: string }
  /** The channel does not apply to this user now (no socket, no subscription). */
  | { channel: ChannelName; status: "skipped"; at: string; reason: string }
  | { channel: ChannelName; status: "failed"; at: string; reason: string };

export interface DeliveryChannel {
  readonly name: ChannelName;
  /** At once when nothing needs waiting for (the socket rung, usually), else a promise. */
  deliver(alert: Alert): MaybePromise<DeliveryOutcome>;
}
