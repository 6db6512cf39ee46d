/**
 * Nitro plugin: build the runtime when the server starts, not on the first request, so a
 * bad configuration stops the process at once with a message naming the variable.
 */
import { ConfigError } from "../config";
import { getRuntime } from "../runtime";

export default function startup(): void {
  try {
    getRuntime();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`\n${error.message}\n\n`);
      process.exit(1);
    }
    throw error;
  }
}
