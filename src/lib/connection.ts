/**
 * One WebSocket attempt. Once it has ended or been released, none of its callbacks fire again,
 * so a stale socket can never move the client's state or leak a listener.
 */

export interface ConnectionEvents {
  onOpen(): void;
  onMessage(data: unknown): void;
  /** The socket closed by itself; `opened` tells a refused upgrade from a dropped connection. */
  onEnded(opened: boolean, code: number): void;
}

export interface Connection {
  /**
   * Sends if the socket is open; says whether it did. A socket closing under us is the
   * heartbeat's or the close event's business (browsers silently drop sends on a closing socket).
   */
  send(text: string): boolean;
  /** Stops listening, then closes without waiting for the close event (a dead link may never deliver it). */
  release(code: number, reason: string): void;
}

/**
 * Throws what the WebSocket constructor throws (bad URL, blocked port).
 * @example const connection = openConnection(WebSocket, url, { onOpen, onMessage, onEnded });
 */
/** WebSocket.OPEN, spelled out: test doubles and Node's `ws` may not carry the static. */
const OPEN = 1;

export function openConnection(Impl: typeof WebSocket, url: string, events: ConnectionEvents): Connection {
  const ws = new Impl(url);
  let opened = false;

  function detach(): void {
    ws.onopen = ws.onmessage = ws.onclose = null;
  }

  ws.onopen = () => {
    opened = true;
    events.onOpen();
  };
  ws.onmessage = (event: MessageEvent) => events.onMessage(event.data);
  ws.onclose = (event: CloseEvent) => {
    detach();
    events.onEnded(opened, event.code);
  };
  // A browser always follows `error` with `close`, which carries what the client acts on. The
  // no-op handler (not null) keeps Node's `ws`, an EventEmitter, from throwing an unheard error.
  ws.onerror = () => {};

  return {
    send(text) {
      if (ws.readyState !== OPEN) return false;
      try {
        ws.send(text);
        return true;
      } catch {
        // Not open (any more): nothing to do here.
        return false;
      }
    },
    release(code, reason) {
      detach();
      try {
        ws.close(code, reason);
      } catch {
        // Already closed: nothing left to release.
      }
    },
  };
}
