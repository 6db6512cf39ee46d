/**
 * Nitro plugin: build the runtime when the server starts, not on the first request, so a
 * bad configuration or an unusable store stops the process at once with a message saying why.
 */
import { ConfigError } from "../config";
import { getRuntime } from "../runtime";
import { installGracefulDrain } from "../shutdown";

export default function startup(): void {
  try {
    const { store, config } = getRuntime();
    // vinxi dev owns the signals in development; a production server drains its sockets first.
    if (config.env === "production") installGracefulDrain(getRuntime);
    // Requests wait for migrations on their own; a store that cannot come up at all stops the process.
    store.ready().catch((error: unknown) => {
      process.stderr.write(`\nBeacon cannot use its ${store.kind} alert store: ${(error as Error).message}\n\n`);
      process.exit(1);
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`\n${error.message}\n\n`);
      process.exit(1);
    }
    throw error;
  }
}
