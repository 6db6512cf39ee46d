/**
 * The catch-up cursor kept across page loads, per user, in localStorage: a reload or a new tab
 * resumes after the newest alert this browser has seen instead of starting over. Writes only
 * ever move it forward, so a tab that is behind cannot drag the others back.
 */
const key = (userId: string) => `beacon.cursor.${userId}`;

export function loadSavedCursor(userId: string): number | null {
  try {
    const value = Number(localStorage.getItem(key(userId)));
    return Number.isSafeInteger(value) && value > 0 ? value : null;
  } catch {
    return null; // storage disabled: start from the unread ones
  }
}

export function saveCursor(userId: string, cursor: number): void {
  try {
    if (cursor > (loadSavedCursor(userId) ?? 0)) localStorage.setItem(key(userId), String(cursor));
  } catch {
    // Private mode or quota: the next page load starts from the unread ones, which is still correct.
  }
}
