/**
 * crossws runs each WebSocket event as `callHook(name, peer, arg)`: it calls `options.hooks[name]`
 * (hooks for every route), asks `options.resolve(peer)` for the route's hooks and, whenever that
 * answers anything, waits on `Promise.all` of the two before calling the route's hook. That is
 * six promises and several microtask turns per event, so per ack frame, one per alert; on Node
 * 20 every promise also runs the async hooks that AsyncLocalStorage needs (SolidStart uses it).
 * Counted under `pnpm bench`: 7 of the 51 promises of an HTTP publish and its ack.
 *
 * A peer's route never changes. Once a peer's route is known, `resolve` answers nothing for it,
 * and the every-route hooks installed here call the route's hook at once, in the same turn.
 * Until then (an upgrade, a peer's first event) crossws goes its usual way, with one lookup
 * shared by the calls that come while it is pending; a failed lookup is asked again.
 *
 * Order is kept: a peer's state changes only in a microtask, and crossws emits frames from I/O
 * callbacks, so every frame that went the usual way has been handled before the first that
 * does not.
 */
import { isPromise } from "../maybe-promise";

export type WebSocketHook = (peer: object, arg?: unknown) => unknown;
export type WebSocketHooks = Partial<Record<string, WebSocketHook>>;
type HooksAnswer = WebSocketHooks | undefined | null;

/** The part of crossws's adapter options this touches (h3 builds them; Nitro hands them to crossws). */
export interface CrosswsOptions {
  resolve?: (info: object) => HooksAnswer | Promise<HooksAnswer>;
  hooks?: WebSocketHooks;
}

const PEER_EVENTS = ["open", "message", "close", "error"];

/** False (options untouched) when there is no resolve, or hooks for every route are set already. */
export function dispatchResolvedPeersDirectly(options: CrosswsOptions): boolean {
  const resolve = options.resolve;
  if (!resolve || options.hooks) return false;
  const resolved = new WeakMap<object, WebSocketHooks>();
  const pending = new WeakMap<object, Promise<HooksAnswer>>();

  options.resolve = (info) => {
    // Only a peer's events repeat; an upgrade's request is asked about once. Remembering
    // requests too doubled the entries, and a WeakMap's table keeps the size it once reached.
    if (!isPeer(info)) return resolve(info);
    if (resolved.has(info)) return undefined; // the hooks below run it
    const waiting = pending.get(info);
    if (waiting) return waiting;
    const answer = resolve(info);
    if (!isPromise(answer)) {
      if (answer) resolved.set(info, answer);
      return answer;
    }
    pending.set(info, answer);
    answer.then(
      (hooks) => {
        pending.delete(info);
        if (hooks) resolved.set(info, hooks);
      },
      () => pending.delete(info),
    );
    return answer;
  };

  options.hooks = Object.fromEntries(
    PEER_EVENTS.map((name) => [
      name,
      (peer: object, arg?: unknown) => {
        const hook = resolved.get(peer)?.[name];
        if (!hook) return undefined;
        try {
          return hook(peer, arg);
        } catch (error) {
          // What crossws's own way makes of a throwing hook: a rejected promise, not a throw into ws's emitter.
          return Promise.reject(error);
        }
      },
    ]),
  );
  return true;
}

/** crossws peers can send; the request of an upgrade cannot. */
function isPeer(info: object): boolean {
  return typeof (info as { send?: unknown }).send === "function";
}
