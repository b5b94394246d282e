/**
 * The link between the specs and the tests (issue 17, item 8). A requirement
 * is defined in a spec as `- **FR-NNN**`, numbered within its spec, so it is
 * named elsewhere with its spec's number in front: `001 FR-019` (as the specs
 * already cross-reference each other, "[002 FR-034](…)"). A test names what it
 * covers that way in its name or in a comment, e.g. `// Covers 001 FR-019.`
 *
 * Requirements that no test covers are listed, each with its reason, in
 * specs/untested-requirements.md: the list is part of the specs, not hidden
 * here, and an entry that a test does cover is an error too.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** `001 FR-019`: a spec's three digits, one space, the requirement's id. */
export const QUALIFIED_ID = /\b(\d{3}) (FR-\d{3})\b/g;
const DEFINITION = /^\s*[-*] \*\*(FR-\d{3})\b/gm;
/** `FR-019` with no spec number in front: it names no requirement, so a test must not rely on it. */
const BARE_ID = /(?<!\d{3} |\*\*)\b(FR-\d{3})\b/g;
const SPEC_FOLDER = /^(\d{3})-/;
/** Where tests live; node_modules and build output are never searched. */
const SKIP = new Set(["node_modules", ".git", ".artifacts", ".wrangler", ".astro", "dist", ".data"]);

/** Every requirement the specs define, qualified (`001 FR-019`), from specs/NNN-*\/spec.md. */
export function definedRequirements(specsDir: string): Set<string> {
  const ids = new Set<string>();
  for (const folder of readdirSync(specsDir)) {
    const spec = SPEC_FOLDER.exec(folder)?.[1];
    if (!spec) continue;
    const text = readFileSync(join(specsDir, folder, "spec.md"), "utf8");
    for (const match of text.matchAll(DEFINITION)) ids.add(`${spec} ${match[1]}`);
  }
  return ids;
}

/** The qualified ids named in `text`. */
export function namedRequirements(text: string): string[] {
  return [...text.matchAll(QUALIFIED_ID)].map((match) => `${match[1]} ${match[2]}`);
}

/** Test files (`*.test.ts`, `*.test.tsx`) under `root`, relative to it. */
export function testFiles(root: string, dir = root): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...testFiles(root, path));
    else if (/\.test\.tsx?$/.test(entry.name)) found.push(relative(root, path));
  }
  return found.sort();
}

/** The allow-list: `- 001 FR-019: why no test covers it` lines of specs/untested-requirements.md. */
export function untestedRequirements(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const match of text.matchAll(/^- (\d{3} FR-\d{3}): (.+)$/gm)) entries.set(`${match[1]}`, match[2] ?? "");
  return entries;
}

/** Ids named without their spec's number (`Covers 003 FR-042, FR-043` names only the first). */
export function bareRequirements(text: string): string[] {
  return [...text.matchAll(BARE_ID)].map((match) => `${match[1]} (no spec number in front)`);
}

export interface TraceReport {
  /** Defined, named by no test, and not on the allow-list. */
  uncovered: string[];
  /** Named by a test (which file) but defined by no spec, or named without its spec's number. */
  unknown: { id: string; file: string }[];
  /** On the allow-list but defined by no spec, or covered by a test after all. */
  staleAllowances: string[];
}

/** Checks the specs under `root`/specs against the tests under `root`. */
export function traceRequirements(root: string): TraceReport {
  const defined = definedRequirements(join(root, "specs"));
  const allowed = untestedRequirements(readFileSync(join(root, "specs", "untested-requirements.md"), "utf8"));
  const covered = new Set<string>();
  const unknown: TraceReport["unknown"] = [];
  for (const file of testFiles(root)) {
    const text = readFileSync(join(root, file), "utf8");
    for (const id of namedRequirements(text)) {
      if (defined.has(id)) covered.add(id);
      else unknown.push({ id, file });
    }
    for (const id of bareRequirements(text)) unknown.push({ id, file });
  }
  return {
    uncovered: [...defined].filter((id) => !covered.has(id) && !allowed.has(id)),
    unknown,
    staleAllowances: [...allowed.keys()].filter((id) => !defined.has(id) || covered.has(id)),
  };
}
