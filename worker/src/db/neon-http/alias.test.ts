/**
 * The Worker runs the lean transport wherever the official package is named: its own imports,
 * and drizzle-orm/neon-http's. Were the alias lost (wrangler.jsonc, vitest.config.ts), drizzle
 * would quietly bring the whole official driver back and configure its parsers instead of these.
 */
import * as byPackageName from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-http";
import { describe, expect, it } from "vitest";
import { neon, types } from "./index.ts";

describe("the @neondatabase/serverless alias", () => {
  it("resolves the package name to the lean transport", () => {
    expect(byPackageName.neon).toBe(neon);
    expect(byPackageName.types).toBe(types);
  });

  it("reaches drizzle's neon-http driver, which sets its timestamp parsers on this registry", () => {
    const marker = (value: string) => `marked ${value}`;
    types.setTypeParser(types.builtins.TIMESTAMPTZ, marker);
    drizzle({ client: neon("postgresql://user:password@localhost/db") });
    const parse = types.getTypeParser(types.builtins.TIMESTAMPTZ);
    expect(parse).not.toBe(marker);
    expect(parse("2026-01-02 03:04:05+00")).toBe("2026-01-02 03:04:05+00");
  });
});
