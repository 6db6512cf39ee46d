/**
 * A fresh SQLite file per test, for tests that open the embedded store on a path of their own:
 * `file` is set before each test, and `store` (if the test opened one) is closed and the
 * directory removed after it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import type { AlertStore } from "~/server/store/types";

export interface SqliteFileFixture {
  file: string;
  store: AlertStore | undefined;
}

export function useSqliteFile(prefix: string): SqliteFileFixture {
  const fixture: SqliteFileFixture = { file: "", store: undefined };
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    fixture.file = join(dir, "beacon.sqlite");
  });
  afterEach(async () => {
    await fixture.store?.close();
    fixture.store = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  return fixture;
}
