/**
 * Runs `vitest run` as a child and reads its counts back from the summary
 * reporter, so the caller can print one honest closing line even when vitest
 * died before reporting (a global setup that threw), or exited 0 although a
 * project never ran.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunSummary } from "../summary-reporter.ts";

export interface VitestOutcome {
  passed: number;
  failed: number;
  problems: string[];
  /** vitest's own exit status. */
  status: number | null;
}

export function runVitest(args: string[], options: { cwd?: string; quiet?: boolean } = {}): VitestOutcome {
  const dir = mkdtempSync(join(tmpdir(), "vitest-summary-"));
  const file = join(dir, "summary.json");
  try {
    const { status } = spawnSync("vitest", ["run", ...args], {
      cwd: options.cwd,
      stdio: options.quiet ? "ignore" : "inherit",
      env: { ...process.env, SUMMARY_FILE: file },
    });
    let summary: RunSummary | undefined;
    try {
      summary = JSON.parse(readFileSync(file, "utf8")) as RunSummary;
    } catch {
      // No summary: vitest stopped before the run ended (e.g. a global setup threw).
    }
    const problems = [...(summary?.problems ?? [])];
    let failed = summary?.failed ?? 0;
    if (!summary) problems.push(`vitest exited (${status}) before reporting any result`);
    if ((status !== 0 || !summary) && failed === 0) failed = 1;
    return { passed: summary?.passed ?? 0, failed, problems, status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
