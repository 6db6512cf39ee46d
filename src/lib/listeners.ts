/** A set of listeners where one that throws cannot stop the others or the caller (the socket's message handler). */
export interface Listeners<T> {
  add(listener: (value: T) => void): () => void;
  emit(value: T): void;
}

export function makeListeners<T>(label: string): Listeners<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(value) {
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          console.error(`[alert socket] an ${label} listener threw`, error);
        }
      }
    },
  };
}
