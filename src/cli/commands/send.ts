/** `beacon send`: publish an alert through POST /api/alerts with the publish secret. */
import { SERVICES, SEVERITIES } from "../../shared/alert";
import { list, parseFlags, required, serverUrl, SetupError, UsageError } from "../args";
import { requestJson } from "../http";
import type { Io } from "../main";

interface AcceptedAlert {
  alertId: string;
  userId: string;
  status: string;
  channel: string | null;
}

export async function send(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags(args, {
    user: { type: "string", multiple: true },
    group: { type: "string", multiple: true },
    service: { type: "string" },
    severity: { type: "string" },
    title: { type: "string" },
    description: { type: "string" },
    teaser: { type: "string" },
    "image-url": { type: "string" },
    "action-url": { type: "string" },
    "action-label": { type: "string" },
    json: { type: "boolean" },
    url: { type: "string" },
    secret: { type: "string" },
  });
  const recipients = [...new Set([...list(values.user), ...list(values.group)])];
  if (recipients.length === 0) throw new UsageError("--user or --group is required");
  const service = required(values.service, "--service", SERVICES.join(" | "));
  const severity = required(values.severity, "--severity", SEVERITIES.join(" | "));
  const title = required(values.title, "--title");
  const secret = values.secret ?? io.env.BEACON_PUBLISH_SECRET ?? io.env.PUBLISH_SECRET;
  if (!secret) throw new SetupError("no publish secret: set BEACON_PUBLISH_SECRET or pass --secret");
  const base = serverUrl(values.url, io.env);

  // The server validates everything else (service, severity, lengths, URLs) and says what is wrong.
  const alert = {
    service,
    severity,
    title,
    body: values.description ?? values.teaser ?? title,
    ...(values.teaser !== undefined && { teaser: values.teaser }),
    ...(values["image-url"] !== undefined && { imageUrl: values["image-url"] }),
    ...(values["action-url"] !== undefined && { actionUrl: values["action-url"] }),
    ...(values["action-label"] !== undefined && { actionLabel: values["action-label"] }),
  };
  const payload = recipients.length === 1 ? { ...alert, userId: recipients[0] } : { ...alert, userIds: recipients };
  const { body } = await requestJson(new URL("/api/alerts", base), {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
    body: JSON.stringify(payload),
  });
  const accepted = (body as { alerts: AcceptedAlert[] }).alerts;
  if (values.json) {
    io.out(JSON.stringify(body));
  } else {
    for (const item of accepted) io.out(`${item.alertId}\t${item.userId}\t${item.status}`);
  }
  return 0;
}
