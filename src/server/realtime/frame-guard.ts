/**
 * Caps the size of frames a client may send. The ws library would otherwise buffer up to
 * 100 MiB per frame before any hook runs, and Nitro gives no way to pass `maxPayload`, so
 * the cap is set on the socket's receiver when it opens (ws reads `_maxPayload` per frame
 * and closes with 1009 past it). If that internal ever moves, the size check in the
 * message hook still refuses oversized frames, only later.
 */
export function capIncomingFrameSize(rawSocket: unknown, maxBytes: number): boolean {
  const receiver = (rawSocket as { _receiver?: { _maxPayload?: number } } | undefined)?._receiver;
  if (!receiver || typeof receiver._maxPayload !== "number") return false;
  receiver._maxPayload = maxBytes;
  return true;
}
