import { describe, expect, it } from "vitest";
import { describeDelivery, describePending } from "~/lib/delivery-text";
import type { DeliveryRecord } from "~/shared/inbox";

const today = new Date("2026-11-29T15:00:00");
const at = (time: string) => new Date(`2026-11-29T${time}`).toISOString();
const line = (channel: DeliveryRecord["channel"], status: DeliveryRecord["status"], time: string, detail: string | null = null) =>
  describeDelivery({ channel, status, at: at(time), detail }, today);

describe("the delivery timeline in words", () => {
  it("reads as the ladder climbed: live, no ack, push sent, no ack, email sent", () => {
    expect([
      line("websocket", "delivered", "12:01:03", "1 socket(s)"),
      line("websocket", "unacknowledged", "12:01:13", "waited 10 s"),
      line("push", "delivered", "12:01:13", "Pixel: push.example answered 201"),
      line("push", "unacknowledged", "12:01:43"),
      line("email", "delivered", "12:01:43"),
    ]).toEqual([
      "delivered live 12:01:03 · 1 socket(s)",
      "no tab acknowledged it 12:01:13 · waited 10 s",
      "push sent 12:01:13 · Pixel: push.example answered 201",
      "push not acknowledged 12:01:43",
      "email sent 12:01:43",
    ]);
  });

  it("says who acknowledged it, and why a rung was skipped, in words", () => {
    // The server's own details on an ack only restate the phrase.
    expect(line("websocket", "acknowledged", "12:01:04", "a tab showed it")).toBe("acknowledged in a tab 12:01:04");
    expect(line("push", "acknowledged", "12:01:20", "the notification was shown")).toBe("push notification shown 12:01:20");
    expect(line("push", "skipped", "12:01:13", "do_not_disturb")).toBe("no push 12:01:13 · Do not disturb is on");
    expect(line("push", "skipped", "12:01:13", "no_push_subscription")).toBe("no push 12:01:13 · no device has push enabled");
    expect(line("email", "skipped", "12:01:13", "no_email_address")).toBe("no email 12:01:13 · your account has no email address");
    expect(line("websocket", "skipped", "12:01:03", "no_live_socket")).toBe("not delivered live 12:01:03 · no tab was open; kept for your next visit");
  });

  it("a status it does not know still reads, rather than breaking the view", () => {
    const record = { channel: "push", status: "bounced", at: at("12:00:00"), detail: null } as unknown as DeliveryRecord;
    expect(describeDelivery(record, today)).toBe("push bounced 12:00:00");
  });
});

describe("what the ladder does next, in words", () => {
  const pending = (step: Parameters<typeof describePending>[0]["step"], time: string) => describePending({ step, dueAt: at(time) }, today);

  it("names the next channel and when it goes out", () => {
    expect(pending("socket", "15:00:10")).toBe("Waiting for a tab to show it; push at 15:00:10 if none does");
    expect(pending("push_wait", "15:00:40")).toBe("Waiting for a device to show the notification; email at 15:00:40 if none does");
  });

  it("says a send is under way when it is due, and when a retry will be", () => {
    expect(pending("push", "14:59:59")).toBe("Sending push…");
    expect(pending("push", "15:02:00")).toBe("Push will be tried again at 15:02:00");
    expect(pending("email", "14:59:59")).toBe("Sending email…");
    expect(pending("email", "15:02:00")).toBe("Email will be tried again at 15:02:00");
    expect(pending("email_sending", "15:01:00")).toBe("Sending email…");
  });
});
