#!/usr/bin/env node
// The `beacon` CLI (package.json "bin", `pnpm beacon ...`): runs src/cli/main.ts through tsx,
// so the CLI shares the server's TypeScript modules (protocol, token signing) without a build step.
import { register } from "tsx/esm/api";

register();
await import(new URL("../src/cli/main.ts", import.meta.url).href);
