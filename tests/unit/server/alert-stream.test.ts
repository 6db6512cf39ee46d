import { describe, expect, it, vi } from "vitest";
import { type AlertStreamOptions, createAlertStream } from "~/server/realtime/alert-stream";
import type { Alert } from "~/shared/alert";
import { parseServerFrame } from "~/shared/protocol";

function alert(seq: number): Alert {
  return { id: `id-${seq}`, seq, userId: "alice", service: "darkwatch", severity: "high", title: `#${seq}`, body: "b", createdAt: new Date().toISOString() };
}
const liveFrame = (a: Alert) => JSON.stringify({ type: "alert", alert: a });

/** A store the test controls: what it holds, and when each read answers. */
function harness(
  options: Pick<
    AlertStreamOptions,
    "pageSize" | "maxQueued" | "isSilent" | "backlogBytes" | "maxBacklogBytes" | "drainTimeoutMs" | "onSlowConsumer"
  > = {},
) {
  const stored: Alert[] = [];
  const sent: string[] = [];
  const readErrors: unknown[] = [];
  let gate: Promise<void> | null = null;
  let reads = 0;
  const stream = createAlertStream({
    send: (frame) => sent.push(frame),
    async readAfter(after, limit) {
      reads++;
      const snapshot = stored.filter((a) => a.seq > after).slice(0, limit);
      if (gate) await gate;
      return snapshot;
    },
    onReadError: (error) => readErrors.push(error),
    ...options,
  });
  const received = () =>
    sent.map((text) => {
      const frame = parseServerFrame(text);
      if (frame?.type !== "alert") throw new Error(text);
      return { seq: frame.alert.seq, replayed: frame.replayed === true };
    });
  /** Stores and then offers live, as the publisher does. */
  const publish = (seq: number) => {
    stored.push(alert(seq));
    stream.offer(alert(seq), liveFrame(alert(seq)));
  };
  const hold = () => {
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    return () => {
      gate = null;
      release();
    };
  };
  const sentFrames = () =>
    sent.map((text) => {
      const frame = parseServerFrame(text);
      if (frame?.type !== "alert") throw new Error(text);
      return frame;
    });
  return { stored, stream, received, sentFrames, publish, hold, readErrors, reads: () => reads };
}

describe("a connection's alert stream", () => {
  it("a resync after the bus lost messages sends the stored ones the socket missed, each once", async () => {
    const h = harness();
    await h.stream.begin(0);
    h.publish(1);
    h.stored.push(alert(2), alert(3)); // stored, but their bus messages never came
    h.stream.resync();
    await new Promise((resolve) => setTimeout(resolve, 0));
    h.stream.resync(); // a second resync finds nothing new
    await new Promise((resolve) => setTimeout(resolve, 0));
    h.publish(4);
    expect(h.received()).toEqual([
      { seq: 1, replayed: false },
      { seq: 2, replayed: true },
      { seq: 3, replayed: true },
      { seq: 4, replayed: false },
    ]);
  });

  it("a resync during a catch-up reads the store once more before going live", async () => {
    const h = harness();
    const release = h.hold();
    const begun = h.stream.begin(0);
    h.stored.push(alert(1)); // stored after the read's snapshot, its bus message lost
    h.stream.resync();
    release();
    await begun;
    expect(h.received().map((r) => r.seq)).toEqual([1]);
  });

  it("replays everything after the cursor in order, then delivers live", async () => {
    const h = harness({ pageSize: 2 });
    for (let seq = 1; seq <= 5; seq++) h.stored.push(alert(seq));
    expect(await h.stream.begin(1)).toBe(4);
    h.publish(6);
    expect(h.received()).toEqual([2, 3, 4, 5].map((seq) => ({ seq, replayed: true })).concat({ seq: 6, replayed: false }));
    expect(h.stream.cursor).toBe(6);
  });

  it("alerts published while the replay reads the store arrive once each, in order, with no gap at the seam", async () => {
    const h = harness();
    for (let seq = 1; seq <= 3; seq++) h.stored.push(alert(seq));
    const release = h.hold();
    const begun = h.stream.begin(0);
    // The read's snapshot has 1..3; these land while it is in flight.
    h.publish(4);
    h.publish(5);
    release();
    await begun;
    h.publish(6);
    expect(h.received().map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("a live alert the replay already sent is not sent again", async () => {
    const h = harness();
    const begun = h.stream.begin(0);
    h.publish(1); // stored before the read runs: the read and the queue both have it
    await begun;
    expect(h.received().map((r) => r.seq)).toEqual([1]);
  });

  it("a live alert that skips a seq makes the stream fetch the missing one from the store first", async () => {
    const h = harness();
    await h.stream.begin(0);
    h.stored.push(alert(1)); // stored, but its bus message is late
    h.publish(2);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const late = alert(1);
    h.stream.offer(late, liveFrame(late)); // the late message finally arrives
    // The store read returns 1 and 2 together; the queued live copy of 2 and the late 1 are duplicates.
    expect(h.received()).toEqual([
      { seq: 1, replayed: true },
      { seq: 2, replayed: true },
    ]);
  });

  it("the initial unread alerts go first, then anything newer than the starting point", async () => {
    const h = harness();
    for (let seq = 1; seq <= 4; seq++) h.stored.push(alert(seq));
    const replayed = await h.stream.begin(4, [alert(2), alert(4)]);
    h.stored.push(alert(5));
    expect(replayed).toBe(2);
    h.publish(6);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.received().map((r) => r.seq)).toEqual([2, 4, 5, 6]);
  });

  it("when more live alerts pile up than it holds, it drops them and reads them back from the store", async () => {
    const h = harness({ maxQueued: 3 });
    const release = h.hold();
    const begun = h.stream.begin(0);
    for (let seq = 1; seq <= 10; seq++) h.publish(seq);
    release();
    await begun;
    expect(h.received().map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("a closed stream sends nothing more, even when a pending read answers", async () => {
    const h = harness();
    h.stored.push(alert(1));
    const release = h.hold();
    const begun = h.stream.begin(0);
    h.stream.close();
    release();
    await begun;
    h.stream.offer(alert(2), liveFrame(alert(2)));
    expect(h.received()).toEqual([]);
  });

  it("a stream closed before it began (the socket went during the greeting) never reads or sends", async () => {
    const h = harness();
    h.stored.push(alert(1));
    h.stream.close();
    expect(await h.stream.begin(0, [alert(1)])).toBe(0);
    expect(h.reads()).toBe(0);
    expect(h.received()).toEqual([]);
  });

  it("a store that fails during catch-up is reported once and the stream stops", async () => {
    const sent: string[] = [];
    const errors: unknown[] = [];
    const stream = createAlertStream({
      send: (frame) => sent.push(frame),
      readAfter: async () => {
        throw new Error("database is locked");
      },
      onReadError: (error) => errors.push(error),
    });
    await stream.begin(0);
    stream.offer(alert(1), liveFrame(alert(1)));
    expect(errors).toHaveLength(1);
    expect(sent).toEqual([]);
  });

  it("replayed alerts go out silent when the user's policy says so; live frames keep the publisher's flag", async () => {
    const h = harness({ isSilent: (a) => a.seq % 2 === 0 });
    h.stored.push(alert(1), alert(2));
    await h.stream.begin(0);
    const quiet = alert(3);
    h.stored.push(quiet);
    h.stream.offer(quiet, JSON.stringify({ type: "alert", alert: quiet, silent: true }));
    const frames = h.sentFrames();
    expect(frames.map((f) => [f.alert.seq, f.replayed === true, f.silent === true])).toEqual([
      [1, true, false],
      [2, true, true],
      [3, false, true],
    ]);
  });

  describe("a client that does not read", () => {
    it("gets a replay one page at a time, each after the previous one drained, every alert once and in order", async () => {
      // The socket's buffer: 1,000 bytes per frame sent, minus what the client took so far.
      let taken = 0;
      const h: ReturnType<typeof harness> = harness({
        pageSize: 3,
        backlogBytes: () => h.sentFrames().length * 1000 - taken,
        maxBacklogBytes: 2500,
        drainTimeoutMs: 2000,
      });
      for (let seq = 1; seq <= 9; seq++) h.stored.push(alert(seq));
      const done = h.stream.begin(0);

      await vi.waitFor(() => expect(h.sentFrames()).toHaveLength(3), { timeout: 2000 });
      await new Promise((resolve) => setTimeout(resolve, 100)); // and no more while the buffer is full
      expect(h.sentFrames()).toHaveLength(3);
      expect(h.reads()).toBe(1);

      taken = 3000; // the client read the first page
      // Waited for, not slept on: the stream looks again every 20 ms, and a busy machine may be late.
      await vi.waitFor(() => expect(h.sentFrames()).toHaveLength(6), { timeout: 2000 });
      taken = 9000;
      await done;
      expect(h.received().map((frame) => frame.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it("has live alerts held in the store while its buffer is full, then sent once it drained, each once", async () => {
      const h = harness({ backlogBytes: () => backlog, maxBacklogBytes: 2500, drainTimeoutMs: 2000 });
      let backlog = 0;
      await h.stream.begin(0);
      h.publish(1);
      backlog = 5000; // the client stopped reading
      h.publish(2);
      h.publish(3);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(h.received().map((frame) => frame.seq)).toEqual([1]);

      backlog = 0;
      await vi.waitFor(() => expect(h.received().map((frame) => frame.seq)).toEqual([1, 2, 3]), { timeout: 2000 });
      h.publish(4);
      expect(h.received().map((frame) => frame.seq)).toEqual([1, 2, 3, 4]);
    });

    it("is given up on when its buffer stays full past the drain timeout: the stream closes and says so once", async () => {
      let slowConsumers = 0;
      const h = harness({ backlogBytes: () => 10_000, maxBacklogBytes: 2500, drainTimeoutMs: 100, onSlowConsumer: () => slowConsumers++ });
      for (let seq = 1; seq <= 3; seq++) h.stored.push(alert(seq));
      await h.stream.begin(0);
      expect(slowConsumers).toBe(1);
      expect(h.received()).toEqual([]);
      h.publish(4);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(h.received()).toEqual([]);
      expect(slowConsumers).toBe(1);
    });
  });
});
