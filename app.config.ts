import { defineConfig } from "@solidjs/start/config";

/**
 * The SolidStart app plus two extra http routers: one owns the WebSocket route, the other
 * the producers' publish API (`POST /api/alerts`, kept off SolidStart's API-route layer
 * because it is the hottest HTTP path; see src/server/publish-route.ts — in production the
 * publish-fast-path plugin answers it even earlier). A router's `base`
 * is only a prefix match, so each handler checks its exact path and refuses anything else.
 */
export default defineConfig({
  server: {
    experimental: { websocket: true },
    // Nitro lowers its bundle to ES2019 by default, which turns every #private field (crossws
    // peers, each socket's alert stream) into WeakMap lookups. Node 20 runs ES2022 as is.
    // Guarded by tests/integration/server-bundle.test.ts; figures in bench/results/2026-11-30.md.
    esbuild: { options: { target: "es2022" } },
    // Nitro bundles this plugin itself (and in dev evaluates it without SolidStart's `~`
    // alias), which is why src/server and src/shared use relative imports only.
    plugins: ["./src/server/plugins/startup.ts", "./src/server/plugins/publish-fast-path.ts", "./src/server/plugins/websocket-direct-dispatch.ts"],
  },
}).addRouter({
  name: "ws",
  type: "http",
  handler: "./src/server/websocket.ts",
  target: "server",
  base: "/ws",
}).addRouter({
  name: "publish",
  type: "http",
  handler: "./src/server/publish-route.ts",
  target: "server",
  base: "/api/alerts",
});
