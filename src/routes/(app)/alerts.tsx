import { Title } from "@solidjs/meta";
import type { RouteSectionProps } from "@solidjs/router";
import { InboxPage } from "~/components/InboxPage";

/** /alerts: the inbox list, with the open alert (`alerts/[id]`) shown beside it. */
export default function Alerts(props: RouteSectionProps) {
  return (
    <>
      <Title>Inbox · Beacon</Title>
      <InboxPage>{props.children}</InboxPage>
    </>
  );
}
