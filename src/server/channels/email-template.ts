/**
 * The alert email: a subject, an HTML body and a plain-text body saying the same thing, per
 * service (its name, colour and one line on what it watches). Everything that comes from the
 * alert is producer data, so it is HTML-escaped; links are only http(s) (SafeUrlSchema
 * already refused anything else) made absolute against APP_URL, since a mail client has no
 * "current page" to resolve an in-app path against.
 */
import { type Alert, SERVICE_LABELS, type Service, type Severity } from "../../shared/alert";
import type { EmailMessage } from "./providers";

const SERVICE_NOTES: Record<Service, { about: string; colour: string }> = {
  darkwatch: { about: "DarkWatch watches dark-web markets and leaks for your personal data.", colour: "#7c3aed" },
  voiceprint: { about: "VoicePrint screens your calls for synthetic (AI-generated) voices.", colour: "#0891b2" },
  spamshield: { about: "SpamShield blocks spam calls and texts before they reach you.", colour: "#16a34a" },
  hometitle: { about: "HomeTitle watches public property records for changes to your home's title.", colour: "#c2410c" },
  removebrokers: { about: "RemoveBrokers finds your listings on data-broker sites and has them removed.", colour: "#2563eb" },
};

const SEVERITY_LABELS: Record<Severity, string> = { info: "Info", low: "Low", medium: "Medium", high: "High", critical: "Critical" };
const SEVERITY_COLOURS: Record<Severity, string> = { info: "#64748b", low: "#0284c7", medium: "#ca8a04", high: "#ea580c", critical: "#dc2626" };

export function renderAlertEmail(alert: Alert, appUrl: string): Omit<EmailMessage, "to"> {
  const base = appUrl.replace(/\/+$/, "");
  const service = SERVICE_LABELS[alert.service];
  const severity = SEVERITY_LABELS[alert.severity];
  const alertUrl = `${base}/alerts/${encodeURIComponent(alert.id)}`;
  const action = alert.actionUrl ? { url: absolute(alert.actionUrl, base), label: alert.actionLabel ?? "Take action" } : null;
  const note = SERVICE_NOTES[alert.service];
  // Subjects are one line: a producer's newline must not start a new header.
  const subject = `[${service}] ${severity}: ${alert.title}`.replace(/[\r\n]+/g, " ");

  const text = [
    `${service} · ${severity}`,
    "",
    alert.title,
    "",
    alert.body,
    "",
    ...(action ? [`${action.label}: ${action.url}`] : []),
    `View this alert in Beacon: ${alertUrl}`,
    "",
    "--",
    note.about,
    `You get this email because no open Beacon tab or device acknowledged the alert. Change which alerts reach you by email: ${base}/settings`,
  ].join("\n");

  const button = (url: string, label: string, colour: string) =>
    `<a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:${colour};color:#ffffff;text-decoration:none;font-weight:600">${escapeHtml(label)}</a>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f1f5f9;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#0f172a">
<table role="presentation" width="100%" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;border-top:4px solid ${note.colour}">
<tr><td style="padding:24px">
<p style="margin:0 0 8px;font-size:13px;color:${note.colour};font-weight:700">${escapeHtml(service)}
 <span style="margin-left:8px;padding:2px 8px;border-radius:10px;background:${SEVERITY_COLOURS[alert.severity]};color:#ffffff">${escapeHtml(severity)}</span></p>
<h1 style="margin:0 0 12px;font-size:20px">${escapeHtml(alert.title)}</h1>
<p style="margin:0 0 20px;line-height:1.5;white-space:pre-line">${escapeHtml(alert.body)}</p>
<p style="margin:0 0 12px">${action ? button(action.url, action.label, note.colour) : button(alertUrl, "View this alert", note.colour)}</p>
${action ? `<p style="margin:0 0 12px"><a href="${escapeHtml(alertUrl)}" style="color:${note.colour}">View this alert in Beacon</a></p>` : ""}
<hr style="border:none;border-top:1px solid #e2e8f0;margin:20px 0">
<p style="margin:0;font-size:12px;color:#64748b">${escapeHtml(note.about)} You get this email because no open Beacon tab or device acknowledged the alert.
 <a href="${escapeHtml(`${base}/settings`)}" style="color:#64748b">Email settings</a></p>
</td></tr></table>
</body></html>
`;
  return { alertId: alert.id, subject, text, html };
}

function absolute(url: string, base: string): string {
  return url.startsWith("/") ? `${base}${url}` : url;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);
}
