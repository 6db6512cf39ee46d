/**
 * Reconnection needs a server this test can stop and start, so it runs its own
 * production server on a fixed free port instead of Playwright's webServer.
 */
import { expect, test } from "@playwright/test";
import { type BeaconServer, startBeaconServer } from "../tests/helpers/beacon-server";
import { freePort } from "../tests/helpers/free-port";
import { ALICE, expectConnected, publish, signIn } from "./fixtures";

let server: BeaconServer;
let port: number;
let dataDir: string;

test.beforeAll(async () => {
  port = await freePort();
  server = await startBeaconServer({}, port);
  dataDir = server.dataDir;
});
test.afterAll(async () => {
  await server?.stop();
});

test("when the server restarts the page shows Reconnecting…, comes back, and the next alert arrives", async ({ page, request }) => {
  await signIn(page, ALICE, server.url);

  await server.stop("SIGKILL");
  await expect(page.getByTestId("connection-status")).toHaveText(/Reconnecting/, { timeout: 10_000 });
  await expect(page.getByTestId("connection-dot")).not.toHaveAttribute("data-state", "open");

  server = await startBeaconServer({ DATA_DIR: dataDir }, port);
  await expectConnected(page, 15_000);
  await expect(page.getByTestId("connection-status")).not.toHaveText(/Reconnecting|Offline/);

  const { title } = await publish(request, ALICE.id, {}, server.url);
  await expect(page.getByTestId("alert-toast").filter({ hasText: title })).toBeVisible({ timeout: 2000 });
});
