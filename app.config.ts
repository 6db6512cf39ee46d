import { defineConfig } from "@solidjs/start/config";

/**
 * The SolidStart app plus one extra http router that owns the WebSocket route.
 * Its `base` is only a prefix match, so the handler itself checks the exact
 * path (`/ws/alerts`) and refuses anything else.
 */
export default defineConfig({
  server: {
    experimental: { websocket: true },
    // Nitro bundles this plugin itself (and in dev evaluates it without SolidStart's `~`
    // alias), which is why src/server and src/shared use relative imports only.
    plugins: ["./src/server/plugins/startup.ts"],
  },
}).addRouter({
  name: "ws",
  type: "http",
  handler: "./src/server/websocket.ts",
  target: "server",
  base: "/ws",
});
