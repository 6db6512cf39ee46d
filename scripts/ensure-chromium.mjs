#!/usr/bin/env node
/**
 * The E2E suite drives the system Chromium (Playwright's own browser download is not
 * available everywhere). Finds it, installs Debian's package when running as root on a
 * Debian/Ubuntu machine, or stops with instructions.
 */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(path)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = existsSync("/usr/bin/apt-get");
if (isRoot && hasApt) {
  console.log(`[ensure-chromium] ${path} missing; installing Debian's chromium package…`);
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
  if (existsSync(path)) process.exit(0);
}
console.error(
  `[ensure-chromium] No Chromium at ${path}.\n` +
    "Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or point CHROMIUM_PATH at a Chromium/Chrome binary.",
);
process.exit(1);
