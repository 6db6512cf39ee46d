/**
 * Family groups: a named set of users one alert can be published to, owned by the user who
 * created it. Stored beside the alerts (connectionOf). The owner is always a member, and
 * only the owner may change or delete the group; callers check who may be added.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { connectionOf, type StoreConnection } from "../store/connection";
import type { AlertStore } from "../store/types";
import type { FamilyGroup, GroupStore } from "./types";

interface GroupRow {
  id: string;
  name: string;
  owner_id: string;
  created_at: string | Date;
}

/** Owner first, then the others by id, so lists read the same on both stores. */
function memberList(ownerId: string, members: readonly string[]): string[] {
  return [ownerId, ...[...new Set(members)].filter((id) => id !== ownerId).sort()];
}

function toGroup(row: GroupRow, members: readonly string[]): FamilyGroup {
  const createdAt = row.created_at instanceof Date ? row.created_at.toISOString() : row.created_at;
  return { id: row.id, name: row.name, ownerId: row.owner_id, members: memberList(row.owner_id, members), createdAt };
}

export function createGroupStore(alertStore: AlertStore): GroupStore {
  const connection = connectionOf(alertStore);
  return connection.kind === "sqlite" ? sqliteGroups(connection) : postgresGroups(connection);
}

function sqliteGroups({ db, commits }: Extract<StoreConnection, { kind: "sqlite" }>): GroupStore {
  const statements = {
    insertGroup: db.prepare("INSERT INTO family_groups (id, name, owner_id, created_at) VALUES (?, ?, ?, ?)"),
    insertMember: db.prepare("INSERT OR IGNORE INTO family_group_members (group_id, user_id) VALUES (?, ?)"),
    deleteMembers: db.prepare("DELETE FROM family_group_members WHERE group_id = ?"),
    deleteGroup: db.prepare("DELETE FROM family_groups WHERE id = ? AND owner_id = ?"),
    getGroup: db.prepare("SELECT id, name, owner_id, created_at FROM family_groups WHERE id = ?"),
    ownedGroup: db.prepare("SELECT id, name, owner_id, created_at FROM family_groups WHERE id = ? AND owner_id = ?"),
    membersOf: db.prepare("SELECT user_id FROM family_group_members WHERE group_id = ?").pluck(),
    groupsOf: db.prepare(
      `SELECT g.id, g.name, g.owner_id, g.created_at FROM family_groups g
       WHERE g.id IN (SELECT group_id FROM family_group_members WHERE user_id = ?1) OR g.owner_id = ?1
       ORDER BY g.created_at, g.id`,
    ),
  };

  const read = (row: GroupRow | undefined): FamilyGroup | null => (row ? toGroup(row, statements.membersOf.all(row.id) as string[]) : null);

  function writeMembers(groupId: string, members: readonly string[]): void {
    statements.deleteMembers.run(groupId);
    for (const userId of members) statements.insertMember.run(groupId, userId);
  }

  return {
    create(ownerId, name, members) {
      const id = randomUUID();
      return commits.write(() => {
        statements.insertGroup.run(id, name, ownerId, new Date().toISOString());
        writeMembers(id, memberList(ownerId, members));
        return read(statements.getGroup.get(id) as GroupRow)!;
      });
    },
    async get(groupId) {
      return read(statements.getGroup.get(groupId) as GroupRow | undefined);
    },
    async listFor(userId) {
      return (statements.groupsOf.all(userId) as GroupRow[]).map((row) => read(row)!);
    },
    setMembers(ownerId, groupId, members) {
      return commits.write(() => {
        const row = statements.ownedGroup.get(groupId, ownerId) as GroupRow | undefined;
        if (!row) return null;
        writeMembers(groupId, memberList(ownerId, members));
        return read(row);
      });
    },
    remove(ownerId, groupId) {
      return commits.write(() => {
        if (!statements.ownedGroup.get(groupId, ownerId)) return false;
        // Foreign keys are off in this SQLite connection, so members are deleted by hand.
        statements.deleteMembers.run(groupId);
        return statements.deleteGroup.run(groupId, ownerId).changes > 0;
      });
    },
  } satisfies GroupStore;
}

function postgresGroups({ pool, migrated }: Extract<StoreConnection, { kind: "postgres" }>): GroupStore {
  const GROUP_COLUMNS = "id, name, owner_id, created_at";

  async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await migrated;
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const value = await work(client);
      await client.query("COMMIT");
      return value;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async function read(client: pg.Pool | pg.PoolClient, row: GroupRow | undefined): Promise<FamilyGroup | null> {
    if (!row) return null;
    const { rows } = await client.query<{ user_id: string }>("SELECT user_id FROM family_group_members WHERE group_id = $1", [row.id]);
    return toGroup(row, rows.map((r) => r.user_id));
  }

  async function writeMembers(client: pg.PoolClient, groupId: string, members: readonly string[]): Promise<void> {
    await client.query("DELETE FROM family_group_members WHERE group_id = $1", [groupId]);
    await client.query("INSERT INTO family_group_members (group_id, user_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING", [
      groupId,
      members,
    ]);
  }

  return {
    create(ownerId, name, members) {
      return inTransaction(async (client) => {
        const { rows } = await client.query<GroupRow>(
          `INSERT INTO family_groups (id, name, owner_id, created_at) VALUES ($1, $2, $3, now()) RETURNING ${GROUP_COLUMNS}`,
          [randomUUID(), name, ownerId],
        );
        await writeMembers(client, rows[0]!.id, memberList(ownerId, members));
        return (await read(client, rows[0]))!;
      });
    },
    async get(groupId) {
      await migrated;
      const { rows } = await pool.query<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM family_groups WHERE id = $1`, [groupId]);
      return read(pool, rows[0]);
    },
    async listFor(userId) {
      await migrated;
      const { rows } = await pool.query<GroupRow & { members: string[] }>(
        `SELECT g.id, g.name, g.owner_id, g.created_at,
                array(SELECT user_id FROM family_group_members m WHERE m.group_id = g.id) AS members
         FROM family_groups g
         WHERE g.owner_id = $1 OR g.id IN (SELECT group_id FROM family_group_members WHERE user_id = $1)
         ORDER BY g.created_at, g.id`,
        [userId],
      );
      return rows.map((row) => toGroup(row, row.members));
    },
    setMembers(ownerId, groupId, members) {
      return inTransaction(async (client) => {
        // Row lock: two owners' tabs saving at once apply one after the other, not interleaved.
        const { rows } = await client.query<GroupRow>(
          `SELECT ${GROUP_COLUMNS} FROM family_groups WHERE id = $1 AND owner_id = $2 FOR UPDATE`,
          [groupId, ownerId],
        );
        if (!rows[0]) return null;
        await writeMembers(client, groupId, memberList(ownerId, members));
        return read(client, rows[0]);
      });
    },
    async remove(ownerId, groupId) {
      await migrated;
      // One statement; the members go with the group (ON DELETE CASCADE).
      const { rowCount } = await pool.query("DELETE FROM family_groups WHERE id = $1 AND owner_id = $2", [groupId, ownerId]);
      return (rowCount ?? 0) > 0;
    },
  } satisfies GroupStore;
}
