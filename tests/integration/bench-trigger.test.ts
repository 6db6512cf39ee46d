import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readStamp } from "~/server/bench/stamp";
import { type BeaconServer, startBeaconServer, TEST_AUTH_SECRET, TEST_PUBLISH_SECRET } from "../helpers/beacon-server";
import { eventually } from "../helpers/eventually";
import { post } from "../helpers/publish";
import { mintToken } from "../helpers/tokens";
import { connect } from "../helpers/ws-client";

const plan = { tag: "it", userPrefix: "bench-user-", userCount: 1, mode: "paced", rate: 500, count: 20 };

describe("the benchmark's in-process trigger", () => {
  it("does not exist on a server started without BENCH_ENABLED, even with the publish secret", async () => {
    const response = await post(inject("baseUrl"), "/api/dev/bench-publish", plan, inject("publishSecret"));
    expect(response.status).toBe(404);
  });

  describe("with BENCH_ENABLED=true", () => {
    let server: BeaconServer;
    beforeAll(async () => {
      server = await startBeaconServer({ BENCH_ENABLED: "true" });
    });
    afterAll(() => server?.stop());

    it("still wants the publish secret", async () => {
      expect((await post(server.url, "/api/dev/bench-publish", plan)).status).toBe(401);
      expect((await post(server.url, "/api/dev/bench-gc", {}, "wrong-secret-0123456789abcdef")).status).toBe(401);
    });

    it("publishes the plan through the real publisher, and every alert reaches the socket stamped", async () => {
      const socket = await connect(server.url, { token: await mintToken(TEST_AUTH_SECRET, "bench-user-0") });
      const response = await post(server.url, "/api/dev/bench-publish", plan, TEST_PUBLISH_SECRET);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ published: 20, deliveredLive: 20, failed: 0 });
      await eventually(() => socket.frames.filter((f) => f.type === "alert").length === 20, 2000);
      const indexes = socket.frames.flatMap((f) => (f.type === "alert" ? [readStamp(f.alert.title, f.alert.body)?.index] : []));
      expect(indexes.sort((a, b) => a! - b!)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      await socket.close();
    });

    it("reports memory after a forced GC and the registry size", async () => {
      const response = await post(server.url, "/api/dev/bench-gc", {}, TEST_PUBLISH_SECRET);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ gcExposed: false, sockets: expect.any(Number) });
      expect(response.body.rssBytes).toBeGreaterThan(0);
    });
  });
});
