import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { claimDevStack, writePerRunDevVars } from "./dev-vars.ts";

const dirs: string[] = [];
function devVars(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "dev-vars-"));
  dirs.push(dir);
  writeFileSync(join(dir, ".dev.vars"), text);
  return join(dir, ".dev.vars");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("web/.dev.vars per run", () => {
  it("keeps the developer's lines, replaces this run's values, and drops an earlier run's origins", () => {
    const file = devVars("BETTER_AUTH_SECRET=mine\nDATABASE_URL=theirs\nMAIL_TRANSPORT=outbox\n");
    const managed = ["SITE_ORIGIN", "API_ORIGIN", "NEON_HTTP_ENDPOINT"];
    writePerRunDevVars(file, { DATABASE_URL: "postgresql://one", SITE_ORIGIN: "http://localhost:4721" }, managed);
    writePerRunDevVars(file, { DATABASE_URL: "postgresql://two", CLIENT_IP_HEADER: "" }, managed);
    const lines = readFileSync(file, "utf8").trim().split("\n");
    expect(lines.filter((line) => !line.startsWith("#"))).toEqual([
      "BETTER_AUTH_SECRET=mine",
      "MAIL_TRANSPORT=outbox",
      "DATABASE_URL=postgresql://two",
    ]);
    expect(lines.filter((line) => line.startsWith("#"))).toHaveLength(1);
  });

  it("lets one dev stack per checkout claim it, and a new one once the claimant is gone", () => {
    const owner = join(dirname(devVars("")), "dev-stack.pid");
    writeFileSync(owner, String(process.ppid));
    expect(() => claimDevStack(owner)).toThrow(/another dev stack runs in this checkout/);
    writeFileSync(owner, "2147483646");
    const release = claimDevStack(owner);
    expect(readFileSync(owner, "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(owner)).toBe(false);
  });
});
