import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { keepMainThreadProfile } from "../../../bench/lib/cpu-profile-files";

/** Where kept profiles go; removed after each test, so runs leave nothing in the temp directory. */
const keptDirs: string[] = [];
afterEach(() => {
  for (const dir of keptDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function keptDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "cpu-profile-kept-"));
  keptDirs.push(dir);
  return dir;
}

function directoryWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cpu-profile-files-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("keeping a server's main-thread CPU profile", () => {
  it("keeps thread 0's profile (not thread 10's) and removes the others'", () => {
    const from = directoryWith({
      "CPU.20261201.014501.4242.0.001.cpuprofile": "main",
      "CPU.20261201.014502.4242.1.002.cpuprofile": "loader",
      "CPU.20261201.014502.4242.10.003.cpuprofile": "thread ten",
    });
    const to = join(keptDir(), "nested", "ws-1.cpuprofile");

    expect(keepMainThreadProfile(from, to)).toBe(true);

    expect(readFileSync(to, "utf8")).toBe("main");
    expect(existsSync(from)).toBe(false);
  });

  it("reports a process that wrote no main-thread profile (killed before exit) and still cleans up", () => {
    const from = directoryWith({ "CPU.20261201.014502.4242.1.002.cpuprofile": "loader" });
    const to = join(keptDir(), "ws-1.cpuprofile");

    expect(keepMainThreadProfile(from, to)).toBe(false);

    expect(existsSync(to)).toBe(false);
    expect(existsSync(from)).toBe(false);
  });
});
