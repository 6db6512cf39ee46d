import { describe, expect, it } from "vitest";
import { parseClientFrame, parseServerFrame, type ServerFrame } from "~/shared/protocol";

describe("frames the server accepts from a client", () => {
  it("a ping is accepted", () => {
    expect(parseClientFrame('{"type":"ping"}')).toEqual({ ok: true, frame: { type: "ping" } });
  });

  it("an ack names one alert; without an id, or with an absurd one, it is invalid_frame", () => {
    expect(parseClientFrame('{"type":"ack","id":"01JALERT"}')).toEqual({ ok: true, frame: { type: "ack", id: "01JALERT" } });
    for (const text of ['{"type":"ack"}', '{"type":"ack","id":""}', '{"type":"ack","id":42}', JSON.stringify({ type: "ack", id: "x".repeat(65) })]) {
      const result = parseClientFrame(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.error.code, text).toBe("invalid_frame");
    }
  });

  it("text that is not JSON is answered with invalid_json", () => {
    const result = parseClientFrame("{type: ping");
    expect(result).toEqual({ ok: false, error: { type: "error", code: "invalid_json", message: expect.any(String) } });
  });

  it("JSON that is not an object with a string type is answered with invalid_frame", () => {
    for (const text of ["[]", "null", '"ping"', "42", "{}", '{"type":7}']) {
      const result = parseClientFrame(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.error.code, text).toBe("invalid_frame");
    }
  });

  it("an unknown type is answered with unknown_type, and the message does not echo what was sent", () => {
    const sneaky = "<img src=x onerror=alert(1)>";
    const result = parseClientFrame(JSON.stringify({ type: sneaky }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("unknown_type");
    expect(result.error.message).not.toContain(sneaky);
    expect(result.error.message).not.toContain("onerror");
  });

  it("a subscribe frame naming another user's topic is not a thing a client can send", () => {
    const result = parseClientFrame(JSON.stringify({ type: "subscribe", topic: "user:bob" }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("unknown_type");
  });
});

describe("frames the client accepts from the server", () => {
  const now = "2026-03-01T12:00:00.000Z";
  const frames: ServerFrame[] = [
    { type: "hello", serverTime: now, unreadCount: 3, cursor: 7, userId: "alice" },
    { type: "pong", serverTime: now },
    {
      type: "alert",
      alert: {
        id: "01HZX3V6Q8W9E2R4T5Y7U8I9O0",
        userId: "alice",
        createdAt: now,
        service: "darkwatch",
        severity: "critical",
        title: "Your email was exposed",
        body: "Change your password.",
        actionUrl: "/dashboard?service=darkwatch",
        seq: 8,
      },
      replayed: true,
    },
    { type: "unread", unreadCount: 0, cursor: 8 },
    { type: "synced", replayed: 2, cursor: 8 },
    { type: "error", code: "unknown_type", message: "unknown frame type" },
  ];

  it.each(frames.map((frame) => [frame.type, frame] as const))("a %s frame survives the round trip unchanged", (_type, frame) => {
    expect(parseServerFrame(JSON.stringify(frame))).toEqual(frame);
  });

  it("garbage, unknown types and malformed frames are ignored (null), never thrown", () => {
    const badAlert = { type: "alert", alert: { ...frames[2], actionUrl: "javascript:alert(1)" } };
    for (const text of ["not json", "null", '{"type":"party"}', '{"type":"unread","unreadCount":-1}', JSON.stringify(badAlert)]) {
      expect(parseServerFrame(text), text).toBeNull();
    }
  });
});
