/**
 * A real local SMTP server (the `smtp-server` package) on a random port, parsing each message
 * with `mailparser`, for tests of the email provider and the delivery ladder. Plain SMTP
 * without STARTTLS, so `smtp://127.0.0.1:<port>` is the whole SMTP_URL.
 *
 * @example
 * const smtp = await startSmtpServer();            // SMTP_URL=smtp.url
 * smtp.failNext(1, 451);                           // the next message gets "451 try again later"
 * const [mail] = await smtp.waitFor(1);            // { to: ["bob@example.com"], subject, text, html }
 */
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";
import { eventually } from "./eventually";

export interface ReceivedMail {
  /** Addresses in the To header. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** The SMTP envelope (MAIL FROM / RCPT TO), which is where a message is really delivered. */
  envelope: { from: string; to: string[] };
  messageId: string | undefined;
}

export interface SmtpTestServer {
  /** smtp://127.0.0.1:<port>, or with user:pass@ when started with `auth`. */
  url: string;
  port: number;
  messages(): ReceivedMail[];
  /** The next `count` messages are refused at the end of DATA with this reply code (4xx: try later, 5xx: never). */
  failNext(count: number, code: number, message?: string): void;
  /** Resolves once at least `count` messages arrived, or rejects after timeoutMs. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpServer(options: { auth?: { user: string; pass: string } } = {}): Promise<SmtpTestServer> {
  const messages: ReceivedMail[] = [];
  const failures: { code: number; message: string }[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: options.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass) callback(null, { user: auth.username });
      else callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const failure = failures.shift();
      if (failure) {
        stream.on("end", () => callback(Object.assign(new Error(failure.message), { responseCode: failure.code })));
        stream.resume();
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          messages.push({
            to: addresses(mail.to),
            from: addresses(mail.from)[0] ?? "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            },
            messageId: mail.messageId,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  const credentials = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : "";

  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    messages: () => [...messages],
    failNext(count, code, message = code >= 500 ? "Requested action not taken: mailbox unavailable" : "Try again later") {
      for (let i = 0; i < count; i++) failures.push({ code, message });
    },
    async waitFor(count, timeoutMs = 5000) {
      await eventually(() => messages.length >= count, timeoutMs).catch(() => {
        throw new Error(`smtp server: expected ${count} message(s) within ${timeoutMs} ms, got ${messages.length}`);
      });
      return [...messages];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return [];
  return (Array.isArray(field) ? field : [field]).flatMap((group) => group.value.map((entry) => entry.address ?? "")).filter(Boolean);
}
