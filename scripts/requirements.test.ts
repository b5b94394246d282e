import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { traceRequirements } from "./lib/requirements.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
// Ids built from parts, so this file itself names none.
const id = (spec: string, n: string) => `${spec} FR-${n}`;
const made: string[] = [];

function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "requirements-"));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

afterEach(() => {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("the requirement-to-test trace", () => {
  it("holds for this repository: every requirement is tested or listed as untested, and every named one exists", () => {
    expect(traceRequirements(ROOT)).toEqual({ uncovered: [], unknown: [], staleAllowances: [] });
  });

  it("reports a requirement no test names, unless the allow-list gives a reason", () => {
    const root = fixture({
      "specs/001-api/spec.md": "- **FR-001** One.\n- **FR-002** Two.\n- **FR-003** Three.\n",
      "specs/002-auth/spec.md": "- **FR-001** Auth one.\n",
      "specs/untested-requirements.md": `- ${id("001", "003")}: needs a browser we do not have\n`,
      "worker/a.test.ts": `// Covers ${id("001", "001")}.\nit("x (${id("002", "001")})", () => {});\n`,
    });
    expect(traceRequirements(root)).toEqual({
      uncovered: [id("001", "002")],
      unknown: [],
      staleAllowances: [],
    });
  });

  it("reports ids a test names that no spec defines, and allowances that are stale", () => {
    const root = fixture({
      "specs/001-api/spec.md": "- **FR-001** One.\n",
      "specs/untested-requirements.md": `- ${id("001", "001")}: no test\n- ${id("001", "009")}: gone\n`,
      "e2e/b.test.ts": `// ${id("001", "001")} and ${id("003", "001")}\n`,
      // A list that names the spec once: the second id is bare, so it covers nothing.
      "e2e/c.test.ts": `// Covers ${id("001", "001")}, ${id("001", "001").slice(4)}.\n`,
      "node_modules/pkg/c.test.ts": `// ${id("004", "001")}\n`,
    });
    expect(traceRequirements(root)).toEqual({
      uncovered: [],
      unknown: [
        { id: id("003", "001"), file: join("e2e", "b.test.ts") },
        { id: `${id("001", "001").slice(4)} (no spec number in front)`, file: join("e2e", "c.test.ts") },
      ],
      staleAllowances: [id("001", "001"), id("001", "009")],
    });
  });
});
