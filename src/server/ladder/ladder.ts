/**
 * The rungs after the socket: what one claimed escalation does when it comes due.
 *
 *   socket ──no ack in ACK_WINDOW_MS──▶ push ──sent──▶ push_wait ──no ack in PUSH_ACK_WINDOW_MS──▶ email ──▶ done
 *             (no live socket: at once)   │ nothing to send, expired, refused, retries exhausted ──▶ email
 *
 * An acknowledgement at any moment ends it (escalation-store `acknowledge`; every write here is
 * fenced on the claim and on "not acknowledged", so a late step stops instead of sending).
 * Preferences are asked at each rung (deliveryPolicy). Every step, attempt and outcome becomes
 * a delivery record on the alert, and an event for metrics and the dashboard.
 *
 * Email is sent at most once per claim: the step is marked `email_sending` (durably) before the
 * provider is called. A server killed between that mark and the provider's answer leaves the
 * mark; whoever claims it next sends again, because a lost security alert is worse than a
 * duplicate. That window (one SMTP transaction) is the email's only at-least-once part, and the
 * resend has the first send's Message-ID; push has the same between the push service's 201 and
 * the step's commit (its Topic and the notification's tag, both the alert id, make a push
 * service and a browser replace rather than repeat it; see channels/resend-token.ts). A step's
 * records commit with its move, so a step that is on record never runs again.
 */
import type { Alert } from "../../shared/alert";
import type { ChannelName, DeliveryStatus } from "../../shared/inbox";
import type { Preferences } from "../../shared/preferences";
import type { PushPayload } from "../../shared/push";
import type { EmailMessage, EmailProvider, PushProvider, PushSubscriptionRecord, PushSubscriptionStore, SendResult } from "../channels/providers";
import type { MaybePromise } from "../maybe-promise";
import type { EventHub } from "../observe/events";
import { deliveryPolicy } from "../preferences/policy";
import type { AlertStore, DeliveryRecordInput } from "../store/types";
import type { ClaimedEscalation, EscalationStore, NextStep } from "./escalation-store";

export interface LadderSettings {
  /** How long a tab has to acknowledge before push (ACK_WINDOW_MS). */
  ackWindowMs: number;
  /** How long the service worker has to acknowledge a push before email (PUSH_ACK_WINDOW_MS). */
  pushAckWindowMs: number;
  /** Tries per channel for transient failures, the first included (LADDER_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** First retry delay; doubles each time, capped at 5 minutes (LADDER_RETRY_BASE_MS). */
  retryBaseMs: number;
}

export interface LadderDeps {
  escalations: EscalationStore;
  store: Pick<AlertStore, "get">;
  /** The user's preferences (PreferencesStore.get; defaults until a user saves any). */
  preferencesOf(userId: string, options?: { keep?: boolean }): MaybePromise<Preferences>;
  /** The address on the user's account, or null (the email rung is then skipped). */
  emailOf(userId: string): string | null;
  push: PushProvider;
  subscriptions: PushSubscriptionStore;
  pushPayloadFor(alert: Alert): PushPayload;
  email: EmailProvider;
  renderEmail(alert: Alert): Omit<EmailMessage, "to">;
  settings: LadderSettings;
  events?: EventHub;
  now?: () => number;
}

export interface Ladder {
  /** Runs the claimed escalation's due step (and any that follow at once); never throws for a provider's answer. */
  run(claim: ClaimedEscalation): Promise<void>;
}

const MAX_RETRY_DELAY_MS = 5 * 60_000;

export function createLadder(deps: LadderDeps): Ladder {
  const now = deps.now ?? Date.now;
  const { settings } = deps;

  function retryDelay(attempt: number, retryAfterMs?: number): number {
    const backoff = Math.min(MAX_RETRY_DELAY_MS, settings.retryBaseMs * 2 ** (attempt - 1));
    return Math.max(backoff, Math.min(retryAfterMs ?? 0, MAX_RETRY_DELAY_MS));
  }

  /**
   * What one run did, written with the step's next move (EscalationStore.advance) so a record
   * is never seen without the move: a restart then never repeats a step that is on record.
   */
  function journal(claim: ClaimedEscalation, alert: Alert): Journal {
    const pending: DeliveryRecordInput[] = [];
    return {
      note(channel: ChannelName, status: DeliveryStatus, detail: string | null): void {
        pending.push({ alertId: alert.id, channel, status, at: new Date(now()).toISOString(), detail });
      },
      async advance(next: NextStep, keepLease = false): Promise<boolean> {
        const records = pending.splice(0);
        const moved = await deps.escalations.advance(claim, next, { keepLease, records });
        for (const record of records) {
          deps.events?.emit({
            type: "delivery",
            at: record.at,
            alertId: alert.id,
            userId: alert.userId,
            channel: record.channel,
            status: record.status,
            detail: record.detail,
            latencyMs: Math.max(0, Date.parse(record.at) - Date.parse(alert.createdAt)),
          });
        }
        return moved;
      },
    };
  }

  async function runPush(claim: ClaimedEscalation, alert: Alert, preferences: Preferences, record: Journal["note"]): Promise<NextStep> {
    const toEmail: NextStep = { step: "email", dueAt: now(), attempts: 0 };
    const policy = deliveryPolicy(preferences, alert, new Date(now()));
    if (!policy.push) {
      record("push", "skipped", policy.reasons.push ?? "push_off");
      return toEmail;
    }
    if (!deps.push.enabled) {
      record("push", "skipped", "push_not_configured");
      return toEmail;
    }
    const all = await deps.subscriptions.list(alert.userId);
    const targets = claim.pending ? all.filter((s) => claim.pending!.includes(s.id)) : all;
    if (targets.length === 0) {
      record("push", "skipped", claim.pending ? "no_push_subscription_left" : "no_push_subscription");
      return toEmail;
    }
    const payload = deps.pushPayloadFor(alert);
    const results = await Promise.all(targets.map(async (target) => ({ target, result: await sendPush(target, payload) })));
    const transient: Array<{ target: PushSubscriptionRecord; result: Extract<SendResult, { status: "transient" }> }> = [];
    let sent = 0;
    for (const { target, result } of results) {
      const device = target.device ?? "a device";
      if (result.status === "sent") {
        sent++;
        record("push", "delivered", `${device}: ${result.detail}`);
      } else if (result.status === "gone") {
        await deps.subscriptions.removeById(target.id);
        record("push", "failed", `${device}: subscription expired (${result.detail}); removed`);
      } else if (result.status === "rejected") {
        record("push", "failed", `${device}: refused (${result.detail})`);
      } else {
        transient.push({ target, result });
      }
    }
    // One device took it: wait for its service worker rather than retrying the others.
    if (sent > 0) return { step: "push_wait", dueAt: now() + settings.pushAckWindowMs, attempts: 0 };
    if (transient.length === 0) return toEmail;
    const attempt = claim.attempts + 1;
    const detail = transient.map(({ target, result }) => `${target.device ?? "a device"}: ${result.detail}`).join("; ");
    if (attempt >= settings.maxAttempts) {
      record("push", "failed", `gave up after ${attempt} attempts (${detail})`);
      return toEmail;
    }
    const delay = retryDelay(attempt, Math.max(...transient.map(({ result }) => result.retryAfterMs ?? 0)));
    record("push", "retrying", `${detail}; attempt ${attempt + 1} of ${settings.maxAttempts} in ${seconds(delay)}`);
    return { step: "push", dueAt: now() + delay, attempts: attempt, pending: transient.map(({ target }) => target.id) };
  }

  async function sendPush(target: PushSubscriptionRecord, payload: PushPayload): Promise<SendResult> {
    try {
      return await deps.push.send(target, payload);
    } catch (error) {
      // Providers should not throw; if one does, treat it like a network failure.
      return { status: "transient", detail: error instanceof Error ? error.message : "push provider threw" };
    }
  }

  async function runEmail(claim: ClaimedEscalation, alert: Alert, preferences: Preferences, journal: Journal): Promise<NextStep | null> {
    const record = journal.note;
    const done: NextStep = { step: "done", dueAt: now(), attempts: claim.attempts };
    const policy = deliveryPolicy(preferences, alert, new Date(now()));
    if (!policy.email) {
      record("email", "skipped", policy.reasons.email ?? "email_off");
      return done;
    }
    const to = deps.emailOf(alert.userId);
    if (!to) {
      record("email", "skipped", "no_email_address");
      return done;
    }
    const attempt = claim.attempts + 1;
    const resumed = claim.step === "email_sending";
    // Mark first (durably): a claim that finds this mark knows a send may already have happened.
    if (!(await journal.advance({ step: "email_sending", dueAt: claim.leaseUntil, attempts: attempt }, true))) return null;
    let result: SendResult;
    try {
      result = await deps.email.send({ to, ...deps.renderEmail(alert) });
    } catch (error) {
      result = { status: "transient", detail: error instanceof Error ? error.message : "email provider threw" };
    }
    const again = resumed ? " (sent again: a server stopped while sending it)" : "";
    if (result.status === "sent") {
      record("email", "delivered", `${result.detail}${again}`);
      return { ...done, attempts: attempt };
    }
    if (result.status === "transient" && attempt < settings.maxAttempts) {
      const delay = retryDelay(attempt, result.retryAfterMs);
      record("email", "retrying", `${result.detail}; attempt ${attempt + 1} of ${settings.maxAttempts} in ${seconds(delay)}`);
      return { step: "email", dueAt: now() + delay, attempts: attempt };
    }
    const why = result.status === "transient" ? `gave up after ${attempt} attempts (${result.detail})` : result.detail;
    record("email", "failed", why);
    return { ...done, attempts: attempt };
  }

  return {
    async run(initial) {
      let claim = initial;
      const alert = await deps.store.get(claim.userId, claim.alertId);
      if (!alert) {
        // Pruned or never visible to this user: nothing to deliver.
        await deps.escalations.advance(claim, { step: "done", dueAt: now(), attempts: claim.attempts });
        return;
      }
      const preferences = await deps.preferencesOf(claim.userId);
      // Steps that follow at once (no ack → push → nothing to push → email) run in this claim.
      for (;;) {
        const steps = journal(claim, alert);
        let next: NextStep | null;
        switch (claim.step) {
          case "socket":
            steps.note("websocket", "unacknowledged", `waited ${seconds(settings.ackWindowMs)}`);
            next = { step: "push", dueAt: now(), attempts: 0 };
            break;
          case "push":
            next = await runPush(claim, alert, preferences, steps.note);
            break;
          case "push_wait":
            steps.note("push", "unacknowledged", `waited ${seconds(settings.pushAckWindowMs)}`);
            next = { step: "email", dueAt: now(), attempts: 0 };
            break;
          case "email":
          case "email_sending":
            next = await runEmail(claim, alert, preferences, steps);
            break;
          case "done":
            return;
        }
        if (!next) return;
        const runNow = next.step !== "done" && next.dueAt <= now();
        // Keep the lease to carry on at once; the write still checks the claim and the ack.
        if (!(await steps.advance(next, runNow)) || !runNow) return;
        claim = { ...claim, step: next.step, dueAt: next.dueAt, attempts: next.attempts, pending: next.pending ?? null };
      }
    },
  };
}

/** One run's records, committed with its next move. */
interface Journal {
  note(channel: ChannelName, status: DeliveryStatus, detail: string | null): void;
  /** Writes the move and the noted records together; false when the claim was lost or the alert acknowledged. */
  advance(next: NextStep, keepLease?: boolean): Promise<boolean>;
}
function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
