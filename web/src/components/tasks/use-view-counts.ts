/**
 * How many open tasks the views the person is not looking at hold, for the
 * "Views" navigation: one small list request each (limit 1, reading the
 * counts), after hydration and again when the open count changes. The
 * current view's count is the board's own.
 */
import { useEffect, useMemo, useState } from "react";
import { browserTasksClient } from "../../lib/api.ts";
import type { TaskCounts } from "./types.ts";
import { listQuery, type View, type ViewQuery, views } from "./view-query.ts";

export function useViewCounts(userId: string, apiOrigin: string, query: ViewQuery, counts: TaskCounts) {
  const client = useMemo(() => browserTasksClient(apiOrigin, userId), [apiOrigin, userId]);
  const [others, setOthers] = useState<Partial<Record<View, number>>>({});
  const { priority, tag, q, tz, view } = query;
  const { pending } = counts;

  // biome-ignore lint/correctness/useExhaustiveDependencies: pending is a trigger, since ticking or adding a task changes what the other views hold.
  useEffect(() => {
    let current = true;
    // Wait for a pause, so a burst of ticks costs one round of requests.
    const timer = setTimeout(() => {
      for (const other of views) {
        if (other.value === view) continue;
        const base: ViewQuery = { view: other.value, filter: "all", sort: "created", due: null, priority, tag, q, tz };
        void client
          .list({ ...listQuery(base), limit: "1" })
          .then((page) => {
            const n = other.value === "all" ? page.counts?.all : page.counts?.pending;
            if (current && n !== undefined) setOthers((known) => ({ ...known, [other.value]: n }));
          })
          .catch(() => undefined);
      }
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, view, priority, tag, q, tz, pending]);

  return { ...others, [view]: view === "all" ? counts.all : counts.pending };
}
