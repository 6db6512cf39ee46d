import { describe, expect, it } from "vitest";
import { resolveOncePer } from "../../../src/server/realtime/resolve-once";

describe("resolveOncePer", () => {
  it("asks once per object and hands the settled value to later calls", async () => {
    const asked: object[] = [];
    const hooks = { message: () => {} };
    const resolve = resolveOncePer(async (peer: object) => {
      asked.push(peer);
      return hooks;
    });
    const peer = {};
    const first = resolve(peer);
    // A call while the first answer is pending shares it.
    expect(resolve(peer)).toBe(first);
    expect(await first).toBe(hooks);
    // Once settled, the value itself: no promise, no turn of the event loop.
    expect(resolve(peer)).toBe(hooks);
    expect(asked).toEqual([peer]);
  });

  it("asks again for another object", async () => {
    let calls = 0;
    const resolve = resolveOncePer(async () => ++calls);
    expect(await resolve({})).toBe(1);
    expect(await resolve({})).toBe(2);
  });

  it("forgets a failed answer, so the next call asks again", async () => {
    let calls = 0;
    const resolve = resolveOncePer(async () => {
      calls++;
      if (calls === 1) throw new Error("router not ready");
      return "hooks";
    });
    const peer = {};
    await expect(resolve(peer)).rejects.toThrow("router not ready");
    expect(await resolve(peer)).toBe("hooks");
    expect(calls).toBe(2);
  });

  it("keeps a synchronous answer as it is", () => {
    let calls = 0;
    const resolve = resolveOncePer(() => ({ n: ++calls }));
    const peer = {};
    expect(resolve(peer)).toBe(resolve(peer));
    expect(calls).toBe(1);
  });
});
