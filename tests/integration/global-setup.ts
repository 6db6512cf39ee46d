/** One production server for the integration project; its URL reaches tests through `inject`. */
import type { TestProject } from "vitest/node";
import { startBeaconServer, TEST_AUTH_SECRET, TEST_PUBLISH_SECRET } from "../helpers/beacon-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    authSecret: string;
    publishSecret: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startBeaconServer();
  project.provide("baseUrl", server.url);
  project.provide("authSecret", TEST_AUTH_SECRET);
  project.provide("publishSecret", TEST_PUBLISH_SECRET);
  return async () => {
    await server.stop();
  };
}
