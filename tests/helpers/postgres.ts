/**
 * A private schema in the machine's real PostgreSQL for one test file, so parallel files and
 * reruns never see each other's rows. Skipped (null) when DATABASE_URL is unset.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const DATABASE_URL = process.env.DATABASE_URL;

export async function createTestSchema(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  if (!DATABASE_URL) return null;
  const schema = `beacon_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
