import { toast } from "solid-toast";
import { type Alert, SERVICE_LABELS, type Severity } from "~/shared/alert";
import { AlertLink } from "./AlertLink";
import { ServiceIcon } from "./ServiceIcon";
import { SeverityBadge } from "./SeverityBadge";

/** Urgent alerts stay up long enough to be noticed by someone who looked away. */
const DURATION_MS: Record<Severity, number> = {
  info: 6000,
  low: 6000,
  medium: 8000,
  high: 15000,
  critical: 30000,
};

export interface AlertToastProps {
  alert: Alert;
  /** solid-toast flips this to false shortly before removing the toast, to animate it out. */
  visible?: boolean;
  onDismiss?: () => void;
}

export function AlertToast(props: AlertToastProps) {
  return (
    <article
      class="alert-toast"
      data-testid="alert-toast"
      data-severity={props.alert.severity}
      data-visible={props.visible === false ? "false" : "true"}
      role="status"
      aria-live={props.alert.severity === "critical" ? "assertive" : "polite"}
    >
      <header class="alert-toast__header">
        <ServiceIcon service={props.alert.service} />
        <span class="alert-toast__service">{SERVICE_LABELS[props.alert.service]}</span>
        <SeverityBadge severity={props.alert.severity} />
        <button type="button" class="alert-toast__close" aria-label="Dismiss alert" onClick={() => props.onDismiss?.()}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <p class="alert-toast__title">{props.alert.title}</p>
      <p class="alert-toast__text">{props.alert.teaser ?? props.alert.body}</p>
      <AlertLink url={props.alert.actionUrl} label={props.alert.actionLabel} />
    </article>
  );
}

/**
 * Raises the toast for one alert. The alert id doubles as the toast id, so an alert that
 * somehow arrives twice updates its toast instead of stacking a copy.
 */
export function showAlertToast(alert: Alert): void {
  toast.custom((t) => <AlertToast alert={alert} visible={t.visible} onDismiss={() => toast.dismiss(t.id)} />, {
    id: `alert-${alert.id}`,
    duration: DURATION_MS[alert.severity],
  });
}

/** One toast for the alerts that came in while this browser was away, instead of one each. */
export function showAwaySummaryToast(count: number): void {
  toast.custom(
    (t) => (
      <article class="alert-toast alert-toast--summary" data-testid="away-summary-toast" role="status" aria-live="polite">
        <header class="alert-toast__header">
          <span class="alert-toast__service">While you were away</span>
          <button type="button" class="alert-toast__close" aria-label="Dismiss" onClick={() => toast.dismiss(t.id)}>
            <span aria-hidden="true">×</span>
          </button>
        </header>
        <p class="alert-toast__title">
          {count} {count === 1 ? "alert" : "alerts"} while you were away
        </p>
        <a class="alert-link" href="/alerts">
          Open your inbox
        </a>
      </article>
    ),
    // A fixed id: a second catch-up soon after replaces the first summary rather than stacking.
    { id: "away-summary", duration: 10_000 },
  );
}
