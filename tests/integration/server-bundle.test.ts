/**
 * The production server bundle is compiled for ES2022 (app.config.ts). Nitro's default,
 * ES2019, turns every `#private` field (crossws peers, each socket's alert stream) into a
 * WeakMap lookup through esbuild helpers, on the path of every frame. What that costs per alert
 * is in bench/results/2026-11-30.md (two A/B pairs: about 15% in one, lost in the noise in the
 * other). This guards the setting.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SERVER_DIR = resolve(import.meta.dirname, "../../.output/server");

/** Our bundled chunks, relative to SERVER_DIR; the traced node_modules are third-party code Nitro copies as is. */
const bundleFiles = () =>
  readdirSync(SERVER_DIR, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".mjs") && !file.startsWith("node_modules"));

describe("the production server bundle", () => {
  it("keeps private class fields native instead of lowering them to WeakMaps", () => {
    const files = bundleFiles();
    expect(files.length).toBeGreaterThan(0);
    const lowered = files.filter((file) => /__private(Get|Set|Add|Method)\(/.test(readFileSync(join(SERVER_DIR, file), "utf8")));
    expect(lowered).toEqual([]);
  });
});
