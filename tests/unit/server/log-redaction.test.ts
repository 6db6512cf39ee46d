import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { signSessionToken } from "~/server/auth/token";

const TSX = resolve(import.meta.dirname, "../../../node_modules/.bin/tsx");
const FIXTURE = resolve(import.meta.dirname, "fixtures/log-leaky-fields.ts");

describe("structured logs never carry a token, secret, cookie, password or email body", () => {
  it("whatever shape the secret is logged in, the real output (stdout and stderr) has none of them", async () => {
    const jwt = await signSessionToken(new TextEncoder().encode(randomBytes(32).toString("hex")), { userId: "bob" }, 3600);
    const publishSecret = `publish-${randomBytes(16).toString("hex")}`;
    const generatedSecret = `generated-${randomBytes(16).toString("hex")}`;
    const emailBody = `Your password for bank ${randomBytes(8).toString("hex")} was found in a breach`;
    const password = `pw-${randomBytes(8).toString("hex")}`;

    const child = spawnSync(TSX, [FIXTURE, jwt, publishSecret, generatedSecret, emailBody, password], {
      env: { PATH: process.env.PATH, LOG_LEVEL: "debug", PUBLISH_SECRET: publishSecret },
      encoding: "utf8",
    });
    expect(child.status).toBe(0);
    const output = child.stdout + child.stderr;
    const lines = output.trim().split("\n").map((line) => JSON.parse(line));
    expect(lines).toHaveLength(8);
    const line = (msg: string) => lines.find((entry) => entry.msg === msg);

    for (const secret of [jwt, jwt.split(".")[2]!, publishSecret, generatedSecret, emailBody, password]) {
      expect(output).not.toContain(secret);
    }
    // Still useful: the lines say what happened, to whom, and for which request or connection.
    expect(line("publish accepted")).toMatchObject({ level: "info", requestId: "req-123", headers: { authorization: "[redacted]", cookie: "[redacted]" } });
    expect(line("upgrade refused")).toMatchObject({ level: "warn", url: "ws://localhost/ws/alerts?after=3&token=[redacted]" });
    expect(line("store failed").error.message).toBe("connect postgres://beacon:[redacted]@db:5432/beacon failed");
    expect(line("email sent").email).toMatchObject({ to: "bob@example.com", subject: "New alert", text: "[redacted]", html: "[redacted]" });
    expect(line("socket opened")).toMatchObject({ connectionId: "conn-9", userId: "bob", sockets: 1 });
    // warn and error go to stderr, the rest to stdout
    expect(child.stderr.trim().split("\n").map((line) => JSON.parse(line).level)).toEqual(["warn", "error"]);
  });

  it("LOG_LEVEL=warn keeps info lines out", () => {
    const output = execFileSync(TSX, ["-e", 'import("./src/server/log.ts").then(({ log }) => { log("info", "quiet"); log("warn", "loud"); })'], {
      env: { PATH: process.env.PATH, LOG_LEVEL: "warn" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      cwd: resolve(import.meta.dirname, "../../.."),
    });
    expect(output).toBe("");
  });
});
