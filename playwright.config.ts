import { defineConfig, devices } from "@playwright/test";
import { generateVapidKeys } from "./src/cli/commands/vapid";
import { TEST_AUTH_SECRET, TEST_PUBLISH_SECRET } from "./tests/helpers/beacon-server";
import { freePort } from "./tests/helpers/free-port";

/**
 * E2E against the production build (the dev server has its own WebSocket quirks, see
 * STACK.md), in Debian's Chromium: Playwright's own browser downloads are not reachable here.
 */
const port = Number(process.env.E2E_PORT) || (await freePort());
process.env.E2E_PORT = String(port); // workers re-evaluate this file; keep one port for all
// Push is on in E2E (the settings page can subscribe); fresh keys per run, kept for the workers too.
if (!process.env.E2E_VAPID_KEYS) process.env.E2E_VAPID_KEYS = JSON.stringify(generateVapidKeys());
const vapid = JSON.parse(process.env.E2E_VAPID_KEYS) as { publicKey: string; privateKey: string };

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node .output/server/index.mjs",
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      AUTH_SECRET: TEST_AUTH_SECRET,
      PUBLISH_SECRET: TEST_PUBLISH_SECRET,
      DATA_DIR: `${process.env.TMPDIR ?? "/tmp"}/beacon-e2e-${port}`,
      // A fresh embedded store per run, even when the shell (or .ci/run) points DATABASE_URL at PostgreSQL.
      DATABASE_URL: "",
      ENABLE_SIMULATOR: "true",
      LOGIN_RATE_PER_MINUTE: "1000",
      LOG_LEVEL: "warn",
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: "mailto:e2e@beacon.test",
      // The push spec saves subscriptions by hand (headless Chromium cannot make a real one).
      PUSH_ENDPOINT_HOSTS: "push.example.test",
    },
  },
});
