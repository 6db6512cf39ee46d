/**
 * The email providers for real: SMTP to a real local SMTP server (tests/helpers/smtp-server.ts),
 * and the outbox writing .eml files that a mail parser reads back.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmailProviderFromConfig } from "~/server/channels/email";
import { renderAlertEmail } from "~/server/channels/email-template";
import { createSmtpEmailProvider } from "~/server/channels/email-smtp";
import type { Alert } from "~/shared/alert";
import { type SmtpTestServer, startSmtpServer } from "../../../helpers/smtp-server";

const APP_URL = "https://beacon.example";
const FROM = "Beacon <alerts@beacon.example>";
const alert: Alert = {
  id: "01JALERT0000000000000000BB",
  userId: "bob",
  seq: 3,
  service: "hometitle",
  severity: "critical",
  title: "A deed transfer was filed on 12 Elm St",
  body: "A quitclaim deed naming a new owner was recorded today.\nCall your county recorder.",
  actionUrl: "/dashboard",
  actionLabel: "Review the filing",
  createdAt: "2026-11-29T12:00:00.000Z",
};
const message = { to: "bob@example.com", ...renderAlertEmail(alert, APP_URL) };

describe("SMTP email provider", () => {
  let smtp: SmtpTestServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it("delivers to the recipient with the subject, both bodies and the links", async () => {
    const provider = createSmtpEmailProvider({ url: smtp.url, from: FROM });
    const before = smtp.messages().length;
    const result = await provider.send(message);
    expect(result).toMatchObject({ status: "sent", id: expect.stringContaining("@") });
    const mail = smtp.messages()[before]!;
    expect(mail.envelope).toEqual({ from: "alerts@beacon.example", to: ["bob@example.com"] });
    expect(mail.to).toEqual(["bob@example.com"]);
    expect(mail.from).toBe("alerts@beacon.example");
    expect(mail.subject).toBe("[HomeTitle] Critical: A deed transfer was filed on 12 Elm St");
    expect(mail.text).toContain("A quitclaim deed naming a new owner was recorded today.");
    expect(mail.text).toContain(`Review the filing: ${APP_URL}/dashboard`);
    expect(mail.text).toContain(`View this alert in Beacon: ${APP_URL}/alerts/${alert.id}`);
    expect(mail.html).toContain(`href="${APP_URL}/dashboard"`);
    expect(mail.html).toContain(`href="${APP_URL}/alerts/${alert.id}"`);
    expect(mail.html).toContain("<h1");
    expect(mail.html).toContain("A deed transfer was filed on 12 Elm St");
    expect(mail.messageId).toBe(`<alert.${alert.id}@beacon.example>`);
    expect(result.status === "sent" && result.id).toBe(mail.messageId);
    expect(provider.kind).toBe("smtp");
  });

  it("sends a resend of the same alert as the same message (one Message-ID), and another alert as another", async () => {
    const provider = createSmtpEmailProvider({ url: smtp.url, from: "alerts@mail.beacon.example" });
    const before = smtp.messages().length;
    const other = { to: "bob@example.com", ...renderAlertEmail({ ...alert, id: "01JALERT0000000000000000CC" }, APP_URL) };
    for (const each of [message, message, other]) expect(await provider.send(each)).toMatchObject({ status: "sent" });
    const ids = (await smtp.waitFor(before + 3)).slice(before).map((mail) => mail.messageId);
    expect(ids).toEqual([
      `<alert.${alert.id}@mail.beacon.example>`,
      `<alert.${alert.id}@mail.beacon.example>`,
      "<alert.01JALERT0000000000000000CC@mail.beacon.example>",
    ]);
  });

  it("reports a 4xx answer as transient and a 5xx answer as rejected", async () => {
    const provider = createSmtpEmailProvider({ url: smtp.url, from: FROM });
    smtp.failNext(1, 451);
    expect(await provider.send(message)).toMatchObject({ status: "transient", detail: expect.stringContaining("451") });
    smtp.failNext(1, 550);
    expect(await provider.send(message)).toMatchObject({ status: "rejected", detail: expect.stringContaining("550") });
    expect(await provider.send(message)).toMatchObject({ status: "sent" });
  });

  it("reports an unreachable server as transient", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const provider = createSmtpEmailProvider({ url: `smtp://127.0.0.1:${port}`, from: FROM, timeoutMs: 2000 });
    expect(await provider.send(message)).toMatchObject({ status: "transient", detail: expect.stringContaining("ECONNREFUSED") });
  });

  it("gives up on a server that never greets within the timeout, as transient", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket)); // accepts the connection and says nothing
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      const provider = createSmtpEmailProvider({ url: `smtp://127.0.0.1:${port}`, from: FROM, timeoutMs: 500 });
      expect(await provider.send(message)).toMatchObject({ status: "transient", detail: expect.stringContaining("ETIMEDOUT") });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it("authenticates with the credentials in SMTP_URL, and reports wrong ones as rejected", async () => {
    const authed = await startSmtpServer({ auth: { user: "beacon", pass: "s3cret pass" } });
    try {
      expect(await createSmtpEmailProvider({ url: authed.url, from: FROM }).send(message)).toMatchObject({ status: "sent" });
      expect(authed.messages()).toHaveLength(1);
      const wrong = `smtp://beacon:nope@127.0.0.1:${authed.port}`;
      const result = await createSmtpEmailProvider({ url: wrong, from: FROM }).send(message);
      expect(result).toMatchObject({ status: "rejected" });
      expect(result.detail).not.toContain("nope");
    } finally {
      await authed.close();
    }
  });
});

describe("outbox email provider (no SMTP_URL)", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), "beacon-outbox-"));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("writes each message as an .eml file a mail client can open", async () => {
    const provider = createEmailProviderFromConfig({ smtpUrl: undefined, emailFrom: FROM, dataDir });
    expect(provider.kind).toBe("outbox");
    const result = await provider.send(message);
    expect(result).toMatchObject({ status: "sent", detail: expect.stringMatching(/^written to outbox\/.+\.eml$/) });

    const files = readdirSync(join(dataDir, "outbox"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const raw = readFileSync(join(dataDir, "outbox", files[0]!));
    expect(raw.toString("latin1")).toContain("\r\n"); // RFC 822 line endings
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(message.subject);
    expect(mail.text).toContain(`View this alert in Beacon: ${APP_URL}/alerts/${alert.id}`);
    expect(mail.html).toContain(`href="${APP_URL}/alerts/${alert.id}"`);
    expect(JSON.stringify(mail.to)).toContain("bob@example.com");
    expect(mail.messageId).toBe(result.status === "sent" ? result.id : "");
    expect(mail.messageId).toBe(`<alert.${alert.id}@beacon.example>`);
  });

  it("reports a directory it cannot write as transient", async () => {
    const notADirectory = join(dataDir, "a-file");
    writeFileSync(notADirectory, "");
    const provider = createEmailProviderFromConfig({ smtpUrl: undefined, emailFrom: FROM, dataDir: notADirectory });
    expect(await provider.send(message)).toMatchObject({ status: "transient", detail: expect.stringContaining("outbox") });
  });

  it("is SMTP when SMTP_URL is set", () => {
    expect(createEmailProviderFromConfig({ smtpUrl: "smtp://127.0.0.1:2525", emailFrom: FROM, dataDir }).kind).toBe("smtp");
  });
});

describe("alert email template", () => {
  it("escapes everything that came from the alert in the HTML", () => {
    const hostile = { ...alert, title: `<script>alert("x")</script>`, body: `<img src=x onerror=alert(1)> & "quotes"`, actionUrl: `https://evil.example/?a="><script>` };
    const { html, text } = renderAlertEmail(hostile, APP_URL);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;");
    expect(html).toContain(`href="https://evil.example/?a=&quot;&gt;&lt;script&gt;"`);
    // The plain-text body is text: it says what the alert says.
    expect(text).toContain(`<script>alert("x")</script>`);
  });

  it("keeps the subject on one line", () => {
    expect(renderAlertEmail({ ...alert, title: "Line one\r\nBcc: victim@example.com" }, APP_URL).subject).not.toMatch(/[\r\n]/);
  });

  it("names the service and what it watches, and links the alert when there is no action", () => {
    const { subject, text, html } = renderAlertEmail({ ...alert, service: "voiceprint", severity: "high", actionUrl: undefined, actionLabel: undefined }, `${APP_URL}/`);
    expect(subject).toMatch(/^\[VoicePrint\] High: /);
    expect(text).toContain("VoicePrint screens your calls");
    expect(text).not.toContain("Take action");
    expect(html).toContain(`href="${APP_URL}/alerts/${alert.id}"`);
    expect(html).toContain(">View this alert</a>");
  });
});
