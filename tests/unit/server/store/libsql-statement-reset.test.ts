/**
 * libsql 0.5.29 never resets a statement whose get() failed: every later get() on it answers
 * the same error. One SQLITE_BUSY (a second instance holding the write lock past busy_timeout)
 * would then break that read or write until a restart. patches/libsql@0.5.29.patch prepares
 * the statement afresh after a failure; this guards the patch (and tells when an upgrade no
 * longer needs it: drop the patch and see whether this still passes).
 */
import Database from "libsql";
import { describe, expect, it } from "vitest";

// abs() of the smallest 64-bit integer fails at run time, with any other argument it does not.
const FAILS = -9223372036854775808n;

describe("libsql statements after a failed get()", () => {
  it("answer the next get() instead of repeating the error", () => {
    const db = new Database(":memory:");
    const statement = db.prepare("SELECT abs(?) AS v");
    expect(() => statement.get([FAILS])).toThrow(/integer overflow/);
    expect(statement.get([5])).toMatchObject({ v: 5 });
    expect(statement.get([-7])).toMatchObject({ v: 7 });
    db.close();
  });

  it("keep raw mode, and an INSERT … RETURNING that hit a duplicate key inserts the next row", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE t (id TEXT PRIMARY KEY)");
    const insert = db.prepare("INSERT INTO t (id) VALUES (?) RETURNING id").raw();
    expect(insert.get(["a"])).toEqual(["a"]);
    expect(() => insert.get(["a"])).toThrow(/UNIQUE/);
    expect(insert.get(["b"])).toEqual(["b"]);
    expect(db.prepare("SELECT id FROM t ORDER BY id").pluck().all()).toEqual(["a", "b"]);
    db.close();
  });
});
