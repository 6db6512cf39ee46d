import { describe, expect, it } from "vitest";
import { startBeaconServer } from "../helpers/beacon-server";

describe("configuration is checked when the server starts", () => {
  it.each([
    ["PORT", "not-a-port"],
    ["AUTH_SECRET", "too-short"],
    ["WS_IDLE_TIMEOUT_MS", "-5"],
    ["LOG_LEVEL", "loud"],
  ])("a bad %s stops the process with a message naming it", async (name, value) => {
    const failure = await startBeaconServer({ [name]: value }).then(
      async (server) => {
        await server.stop();
        return null;
      },
      (error: Error) => error,
    );
    expect(failure?.message).toMatch(/server exited with 1/);
    expect(failure?.message).toContain(`${name}:`);
    expect(failure?.message).toContain("Invalid Beacon configuration");
  });
});
