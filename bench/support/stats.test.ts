import { describe, expect, it } from "vitest";
import { percentile } from "./stats.ts";

describe("percentile", () => {
  it("is the nearest-rank value the sample holds", () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(percentile(values, 0.99)).toBe(198);
    expect(percentile(values, 0.5)).toBe(100);
    expect(percentile(values, 1)).toBe(200);
    expect(percentile(values, 0)).toBe(1);
  });

  it("is the only value of a sample of one, and NaN of an empty one", () => {
    expect(percentile([3], 0.99)).toBe(3);
    expect(percentile([], 0.99)).toBeNaN();
  });
});
