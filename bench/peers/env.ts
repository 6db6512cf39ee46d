/** What every peer reads from its environment; bench/run.ts sets it as it does for Beacon. */
export function peerEnv() {
  const authSecret = process.env.AUTH_SECRET ?? "";
  const publishSecret = process.env.PUBLISH_SECRET ?? "";
  if (authSecret.length < 32 || publishSecret.length < 24) throw new Error("set AUTH_SECRET (32+) and PUBLISH_SECRET (24+)");
  return {
    port: Number(process.env.PORT ?? 3000),
    host: process.env.HOST ?? "127.0.0.1",
    authSecret: new TextEncoder().encode(authSecret),
    publishSecret,
  };
}
