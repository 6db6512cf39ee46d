import { fileURLToPath } from "node:url";
import solid from "vite-plugin-solid";
import { defineConfig } from "vitest/config";

const src = fileURLToPath(new URL("./src", import.meta.url));

/**
 * Three projects: `unit` (plain node), `component` (jsdom + Solid), `integration`
 * (node, against a real production server spawned on a free port by the global setup).
 */
export default defineConfig({
  resolve: { alias: { "~": src } },
  test: {
    projects: [
      {
        resolve: { alias: { "~": src } },
        test: {
          name: "unit",
          environment: "node",
          include: ["tests/unit/**/*.test.ts"],
        },
      },
      {
        plugins: [solid()],
        resolve: { alias: { "~": src }, conditions: ["development", "browser"] },
        test: {
          name: "component",
          environment: "jsdom",
          include: ["tests/component/**/*.test.tsx"],
          setupFiles: ["tests/component/setup.ts"],
          server: { deps: { inline: [/solid-js/, /@solidjs\/testing-library/, /solid-toast/] } },
        },
      },
      {
        resolve: { alias: { "~": src } },
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          testTimeout: 20_000,
          hookTimeout: 60_000,
          // One spawned server is shared; files run one after another to keep it unloaded.
          fileParallelism: false,
        },
      },
    ],
  },
});
