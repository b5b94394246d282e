/**
 * The slice of autocannon's API the bench uses. autocannon ships no types and
 * @types/autocannon is not installed (the bench adds no packages).
 */
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  /** hdr-histogram-percentiles-obj, as autocannon reports it. */
  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  }

  export interface RawRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }

  export interface RequestSpec extends RawRequest {
    setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest;
  }

  export interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: RequestSpec[];
    /** Seconds. */
    timeout?: number;
  }

  export interface Result {
    /** Per-second counts of completed requests; `sent` counts every request sent. */
    requests: Histogram & { sent: number };
    /** Milliseconds. */
    latency: Histogram;
    throughput: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  }

  export default function autocannon(options: Options): Promise<Result> & EventEmitter;
}
