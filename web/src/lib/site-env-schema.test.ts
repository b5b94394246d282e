import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXAMPLE_SECRET, siteEnvSchema } from "./site-env-schema.ts";

const base = { DATABASE_URL: "postgresql://local:pw@localhost:5480/todo" };
const realSecret = "k3Jx9vQ2mZp7Lw4Tn8Rb1Yc6Hd5Fs0Ga";

// Covers 002 FR-035.
describe("the site's configuration", () => {
  it("accepts a secret of 32 characters or more", () => {
    expect(siteEnvSchema.safeParse({ ...base, BETTER_AUTH_SECRET: realSecret }).success).toBe(true);
  });

  it("refuses the placeholder that web/.dev.vars.example ships, although it is long enough", () => {
    const example = readFileSync(new URL("../../.dev.vars.example", import.meta.url), "utf8");
    const shipped = /^BETTER_AUTH_SECRET=(.*)$/m.exec(example)?.[1];
    expect(shipped).toBe(EXAMPLE_SECRET);
    expect(EXAMPLE_SECRET.length).toBeGreaterThanOrEqual(32);
    const result = siteEnvSchema.safeParse({ ...base, BETTER_AUTH_SECRET: EXAMPLE_SECRET });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/placeholder/);
  });

  it("refuses the placeholder inside BETTER_AUTH_SECRETS too", () => {
    const result = siteEnvSchema.safeParse({
      ...base,
      BETTER_AUTH_SECRET: realSecret,
      BETTER_AUTH_SECRETS: `2:${EXAMPLE_SECRET},1:${realSecret}`,
    });
    expect(result.success).toBe(false);
  });
});
