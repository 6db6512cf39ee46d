import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nodeAdapter from "crossws/adapters/node";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type CrosswsOptions, dispatchResolvedPeersDirectly, type WebSocketHooks } from "~/server/realtime/direct-dispatch";

let server: Server | undefined;
/** What the direct path recognises as a crossws peer: something that can send. */
const aPeer = () => ({ send: () => {} });
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A real crossws node adapter on a random port, with the given route hooks behind an async resolve. */
async function serve(routeHooks: WebSocketHooks) {
  const lookups: object[] = [];
  const options: CrosswsOptions = {
    resolve: async (info) => {
      lookups.push(info);
      return routeHooks;
    },
  };
  expect(dispatchResolvedPeersDirectly(options)).toBe(true);
  const adapter = nodeAdapter(options as Parameters<typeof nodeAdapter>[0]);
  server = createServer();
  server.on("upgrade", adapter.handleUpgrade);
  await new Promise<void>((listening) => server!.listen(0, "127.0.0.1", listening));
  return { options, lookups, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws/alerts` };
}

describe("direct dispatch of a resolved peer's WebSocket events (real crossws)", () => {
  it("every event reaches the route's hooks once and in order, and the route is looked up once per peer", async () => {
    const events: string[] = [];
    let peer: object | undefined;
    let closed!: () => void;
    const done = new Promise<void>((resolve) => (closed = resolve));
    const { options, lookups, url } = await serve({
      open: (p) => {
        peer = p;
        events.push("open");
      },
      message: (_, message) => events.push((message as { text(): string }).text()),
      close: () => {
        events.push("close");
        closed();
      },
    });
    const client = new WebSocket(url);
    await new Promise((open) => client.once("open", open));
    const sent = Array.from({ length: 200 }, (_, i) => String(i));
    for (const text of sent) client.send(text); // many arrive in one chunk, some before the route is known
    await new Promise<void>((resolve) => {
      const check = () => (events.length > sent.length ? resolve() : setTimeout(check, 5));
      check();
    });
    client.close();
    await done;

    expect(events).toEqual(["open", ...sent, "close"]);
    // The upgrade's request and the peer: later events do not ask again.
    expect(lookups).toHaveLength(2);
    // The peer is known now: crossws gets nothing from resolve and runs the direct hooks alone.
    expect(await options.resolve!(peer!)).toBeUndefined();
  });

  it("a hook that throws gives a rejected promise, as crossws's own way does, not a throw into ws", async () => {
    const { options } = await serve({ message: () => { throw new Error("bad hook"); } });
    const peer = aPeer();
    await options.resolve!(peer);
    const outcome = options.hooks!.message!(peer, {});
    await expect(outcome).rejects.toThrow("bad hook");
  });

  it("asks again after a failed lookup, and shares a pending one", async () => {
    let calls = 0;
    const hooks = { message: () => "handled" };
    const options: CrosswsOptions = {
      resolve: async () => {
        calls++;
        if (calls === 1) throw new Error("router not ready");
        return hooks;
      },
    };
    dispatchResolvedPeersDirectly(options);
    const peer = aPeer();
    await expect(options.resolve!(peer)).rejects.toThrow("router not ready");
    expect(options.hooks!.message!(peer)).toBeUndefined(); // not known: crossws's own way runs it
    const pending = options.resolve!(peer);
    expect(options.resolve!(peer)).toBe(pending);
    expect(await pending).toBe(hooks);
    expect(options.hooks!.message!(peer)).toBe("handled");
    expect(calls).toBe(2);
  });

  it("does not remember an upgrade's request (asked about once; only a peer's events repeat)", async () => {
    let calls = 0;
    const options: CrosswsOptions = { resolve: async () => (calls++, { message: () => {} }) };
    dispatchResolvedPeersDirectly(options);
    const request = { url: "/ws/alerts", headers: {} };
    await options.resolve!(request);
    expect(await options.resolve!(request)).toBeDefined();
    expect(calls).toBe(2);
  });

  it("leaves options with hooks for every route as they are", () => {
    const options: CrosswsOptions = { resolve: () => undefined, hooks: {} };
    const resolve = options.resolve;
    expect(dispatchResolvedPeersDirectly(options)).toBe(false);
    expect(options.resolve).toBe(resolve);
  });
});
