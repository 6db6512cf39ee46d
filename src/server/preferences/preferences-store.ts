/**
 * Each user's delivery preferences, one JSON document per user in the alert store's database
 * (SQLite or PostgreSQL, reached through connectionOf). A user who never saved any gets the
 * defaults; nothing is written until they do.
 */
import { SERVICES } from "../../shared/alert";
import { defaultPreferences, type Preferences, PreferencesSchema } from "../../shared/preferences";
import { connectionOf } from "../store/connection";
import type { AlertStore } from "../store/types";
import type { PreferencesStore } from "./types";

export function createPreferencesStore(alertStore: AlertStore): PreferencesStore {
  const connection = connectionOf(alertStore);

  if (connection.kind === "sqlite") {
    const { db, commits } = connection;
    const select = db.prepare<[string]>("SELECT preferences FROM user_preferences WHERE user_id = ?");
    const upsert = db.prepare(
      `INSERT INTO user_preferences (user_id, preferences, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET preferences = excluded.preferences, updated_at = excluded.updated_at`,
    );
    return {
      async get(userId) {
        const row = select.get(userId) as { preferences: string } | undefined;
        return row ? fromStored(JSON.parse(row.preferences)) : defaultPreferences();
      },
      async set(userId, preferences) {
        const valid = PreferencesSchema.parse(preferences);
        await commits.write(() => upsert.run(userId, JSON.stringify(valid), new Date().toISOString()));
        return valid;
      },
    } satisfies PreferencesStore;
  }

  const { pool, migrated } = connection;
  return {
    async get(userId) {
      await migrated;
      const { rows } = await pool.query<{ preferences: unknown }>("SELECT preferences FROM user_preferences WHERE user_id = $1", [userId]);
      return rows[0] ? fromStored(rows[0].preferences) : defaultPreferences();
    },
    async set(userId, preferences) {
      const valid = PreferencesSchema.parse(preferences);
      await migrated;
      await pool.query(
        `INSERT INTO user_preferences (user_id, preferences, updated_at) VALUES ($1, $2::jsonb, now())
         ON CONFLICT (user_id) DO UPDATE SET preferences = EXCLUDED.preferences, updated_at = EXCLUDED.updated_at`,
        [userId, JSON.stringify(valid)],
      );
      return valid;
    },
  } satisfies PreferencesStore;
}

/**
 * A stored document read back under today's schema. Documents saved before a service or a
 * field existed get the defaults for what they lack, so a new service starts switched on
 * instead of making every older document invalid. One that still does not fit (hand-edited,
 * or a zone the runtime no longer knows) falls back to the defaults rather than failing
 * every delivery for that user.
 */
export function fromStored(stored: unknown): Preferences {
  const defaults = defaultPreferences();
  if (typeof stored !== "object" || stored === null) return defaults;
  const value = stored as Partial<Preferences>;
  // Only today's keys are taken, so a retired service or field does not invalidate the rest.
  const merged: Preferences = {
    channels: Object.fromEntries(SERVICES.map((service) => [service, { ...defaults.channels[service], ...value.channels?.[service] }])) as Preferences["channels"],
    minSeverity: { ...defaults.minSeverity, ...value.minSeverity },
    doNotDisturb: value.doNotDisturb ?? defaults.doNotDisturb,
    quietHours: { ...defaults.quietHours, ...value.quietHours },
  };
  const parsed = PreferencesSchema.safeParse(merged);
  return parsed.success ? parsed.data : defaults;
}
