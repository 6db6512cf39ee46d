/** A set of listeners where one that throws cannot starve the others (shared by both buses). */
export function makeListenerSet<T>(onListenerError: (error: unknown) => void) {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener: (value: T) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(value: T): void {
      for (const listener of listeners) {
        try {
          listener(value);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    clear(): void {
      listeners.clear();
    },
  };
}
