import { describe, expect, it } from "vitest";
import { startupWorkMs } from "./worker-startup.ts";

const node = (id: number, functionName: string) => ({ id, callFrame: { functionName } });

describe("startup work from wrangler's startup profile", () => {
  it("counts every non-idle sample but the profiler's late first one", () => {
    // As workerd records it: idle until the request, one 17.6 ms interval ending in the Worker, then ~1.1 ms samples.
    const profile = {
      nodes: [node(1, "(idle)"), node(2, "(program)"), node(3, ""), node(4, "pgTable"), node(5, "(garbage collector)")],
      samples: [1, 2, 3, 4, 5, 3, 1],
      timeDeltas: [19_500, 17_600, 1_100, 1_100, 1_200, 1_000, 24_000],
    };
    expect(startupWorkMs(profile)).toBeCloseTo(4.4, 5);
  });

  it("keeps a run whose gap the profiler booked as idle as it is", () => {
    const profile = {
      nodes: [node(1, "(idle)"), node(2, "")],
      samples: [1, 1, 2, 2],
      timeDeltas: [19_000, 7_200, 1_100, 1_100],
    };
    expect(startupWorkMs(profile)).toBeCloseTo(2.2, 5);
  });
});
