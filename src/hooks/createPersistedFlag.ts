/**
 * A boolean preference kept in localStorage (Do not disturb, sound), shared by every tab:
 * a change in one tab reaches the others through the `storage` event.
 */
import { type Accessor, createSignal, onCleanup } from "solid-js";

export function createPersistedFlag(key: string, fallback: boolean): [Accessor<boolean>, (value: boolean) => void] {
  const [value, setValue] = createSignal(read(key, fallback));

  const set = (next: boolean) => {
    setValue(next);
    try {
      localStorage.setItem(key, next ? "1" : "0");
    } catch {
      // Private mode or a full quota: the preference still holds for this tab.
    }
  };

  if (typeof window !== "undefined") {
    const onStorage = (event: StorageEvent) => {
      if (event.key === key) setValue(read(key, fallback));
    };
    window.addEventListener("storage", onStorage);
    onCleanup(() => window.removeEventListener("storage", onStorage));
  }

  return [value, set];
}

function read(key: string, fallback: boolean): boolean {
  try {
    const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(key);
    return stored === null ? fallback : stored === "1";
  } catch {
    return fallback;
  }
}
