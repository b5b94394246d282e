/** Plain-text tables and number formats for the report printed by `npm run bench`. */
import type { Summary } from "./stats.ts";

export type Row = readonly string[];

/** A titled table with columns padded to their widest cell: labels left, figures right. */
export function table(title: string, header: Row, rows: readonly Row[], notes: readonly string[] = []): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (row: Row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  return [`\n${title}`, line(header), rule, ...rows.map(line), ...notes.map((note) => `  ${note}`)].join("\n");
}

/** `12.3`, `0.45`, `1234`: a few significant digits, enough for noisy timings. */
export function num(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return "—";
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString("en-US");
  return Number(value.toPrecision(digits)).toString();
}

/** A summary as "median (min–max)". */
export function spread(summary: Summary, unit = "", digits = 3): string {
  return `${num(summary.median, digits)}${unit} (${num(summary.min, digits)}–${num(summary.max, digits)})`;
}

export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : "—";
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export function percent(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(1)}%`;
}
