import type { Severity } from "~/shared/alert";

/** The severity as its wire value (CSS shows it in capitals), coloured by rank. */
export function SeverityBadge(props: { severity: Severity }) {
  return (
    <span class="severity-badge" data-severity={props.severity}>
      {props.severity}
    </span>
  );
}
