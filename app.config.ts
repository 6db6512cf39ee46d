import { fileURLToPath } from "node:url";
import { defineConfig } from "@solidjs/start/config";

const src = fileURLToPath(new URL("./src", import.meta.url));

/**
 * The SolidStart app plus one extra http router that owns the WebSocket route.
 * Its `base` is only a prefix match, so the handler itself checks the exact
 * path (`/ws/alerts`) and refuses anything else.
 */
export default defineConfig({
  server: {
    experimental: { websocket: true },
    plugins: ["./src/server/plugins/startup.ts"],
    // Nitro bundles the startup plugin itself, and its own `~` means the project root.
    alias: { "~": src },
  },
}).addRouter({
  name: "ws",
  type: "http",
  handler: "./src/server/websocket.ts",
  target: "server",
  base: "/ws",
  // SolidStart gives its own routers the `~` alias; a router added here needs it too.
  plugins: () => [{ name: "beacon-src-alias", config: () => ({ resolve: { alias: { "~": src } } }) }],
});
