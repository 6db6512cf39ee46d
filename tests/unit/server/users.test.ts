import { describe, expect, it } from "vitest";
import { createSeededUserDirectory, DEMO_PASSWORD } from "~/server/auth/users";

const people = [
  { id: "dana", email: "Dana@Example.com", name: "Dana Park", role: "user" as const },
  { id: "eve", email: "eve@example.com", name: "Eve Admin", role: "admin" as const },
];
const directory = createSeededUserDirectory(people, "correct horse");

describe("signing in against the user directory", () => {
  it("the right password returns the user, with no password material in the object", () => {
    const user = directory.verifyPassword("eve@example.com", "correct horse");
    expect(user).toEqual({ id: "eve", email: "eve@example.com", name: "Eve Admin", role: "admin" });
    expect(Object.keys(user!).sort()).toEqual(["email", "id", "name", "role"]);
    expect(JSON.stringify(user)).not.toMatch(/salt|hash/);
  });

  it("a wrong password returns nothing", () => {
    expect(directory.verifyPassword("eve@example.com", "wrong horse")).toBeUndefined();
    expect(directory.verifyPassword("eve@example.com", "")).toBeUndefined();
  });

  it("an unknown email returns nothing, even with a password that is valid for someone else", () => {
    expect(directory.verifyPassword("mallory@example.com", "correct horse")).toBeUndefined();
  });

  it("email matching ignores case and surrounding spaces", () => {
    expect(directory.verifyPassword("dana@example.COM", "correct horse")?.id).toBe("dana");
    expect(directory.verifyPassword("  DANA@EXAMPLE.COM ", "correct horse")?.id).toBe("dana");
  });

  it("the password itself is case-sensitive", () => {
    expect(directory.verifyPassword("dana@example.com", "Correct Horse")).toBeUndefined();
  });

  it("looks users up by id, without secrets", () => {
    expect(directory.findById("dana")).toEqual({ id: "dana", email: "Dana@Example.com", name: "Dana Park", role: "user" });
    expect(directory.findById("nobody")).toBeUndefined();
  });

  it("looks users up by email, ignoring case and surrounding spaces, without secrets", () => {
    expect(directory.findByEmail(" dana@EXAMPLE.com ")).toEqual({ id: "dana", email: "Dana@Example.com", name: "Dana Park", role: "user" });
    expect(directory.findByEmail("mallory@example.com")).toBeUndefined();
  });

  it("the demo directory signs in the documented demo users", () => {
    const demo = createSeededUserDirectory();
    expect(demo.verifyPassword("alice@example.com", DEMO_PASSWORD)?.role).toBe("admin");
    expect(demo.verifyPassword("bob@example.com", DEMO_PASSWORD)?.id).toBe("bob");
    expect(demo.verifyPassword("bob@example.com", "password")).toBeUndefined();
  });
});
