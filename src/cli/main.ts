/**
 * The `beacon` command line: publish, watch, mint tokens and keys, and check a deployment.
 * Run as `pnpm beacon ...` in the repository or through the package's `bin`.
 */
import { RefusedError, SetupError, UsageError } from "./args";
import { doctor } from "./commands/doctor";
import { send } from "./commands/send";
import { tail } from "./commands/tail";
import { token } from "./commands/token";
import { vapid } from "./commands/vapid";
import { USAGE } from "./usage";

export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = { send, tail, token, vapid, doctor };

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    (command ? io.out : io.err)(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`beacon: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.out(USAGE);
    return 0;
  }
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`beacon ${command}: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof SetupError) {
      io.err(`beacon ${command}: ${error.message}`);
      return 2;
    }
    if (error instanceof RefusedError) {
      io.err(`beacon ${command}: ${error.message}`);
      return 1;
    }
    io.err(`beacon ${command}: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}

const io: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

process.exitCode = await main(process.argv.slice(2), io);
