/**
 * The dashboard's views (All, Today, Upcoming, with counts), the status,
 * priority and due filters, and the active filters as removable chips. Every
 * one is a link to a URL, so the server renders the same view (FR-034).
 */
import type { TaskCounts } from "./types.ts";
import { ViewLink } from "./ViewLink.tsx";
import { activeFilters, dues, filters, priorities, type ViewQuery, views } from "./view-query.ts";

interface Props {
  query: ViewQuery;
  counts: TaskCounts;
  /** Open tasks in each view, where known. */
  viewCounts: Partial<Record<ViewQuery["view"], number>>;
  navigate: (next: ViewQuery, push: boolean) => void;
}

export function FilterBar({ query, counts, viewCounts, navigate }: Props) {
  const chips = activeFilters(query);
  const statusCount = { all: counts.all, active: counts.pending, completed: counts.completed };
  return (
    <>
      <nav aria-label="Views" className="filters views">
        {views.map((v) => {
          const count = viewCounts[v.value];
          return (
            <ViewLink
              key={v.value}
              to={{ ...query, view: v.value }}
              navigate={navigate}
              current={query.view === v.value}
            >
              {v.value === "all" ? "All tasks" : v.label}
              {count !== undefined && <span className="count"> ({count})</span>}
            </ViewLink>
          );
        })}
      </nav>

      {query.view === "all" && (
        <nav aria-label="Show" className="filters">
          {filters.map((f) => (
            <ViewLink
              key={f.value}
              to={{ ...query, filter: f.value }}
              navigate={navigate}
              current={query.filter === f.value}
            >
              {f.label}
              <span className="count"> ({statusCount[f.value]})</span>
            </ViewLink>
          ))}
        </nav>
      )}

      <nav aria-label="Priority" className="filters compact">
        <span className="filter-label" aria-hidden="true">
          Priority:
        </span>
        {priorities.map((p) => (
          <ViewLink
            key={p.value}
            to={{ ...query, priority: query.priority === p.value ? null : p.value }}
            navigate={navigate}
            current={query.priority === p.value}
          >
            {p.label}
            <span className="visually-hidden"> priority</span>
          </ViewLink>
        ))}
      </nav>

      {query.view === "all" && (
        <nav aria-label="Due" className="filters compact">
          <span className="filter-label" aria-hidden="true">
            Due:
          </span>
          {dues.map((d) => (
            <ViewLink
              key={d.value}
              to={{ ...query, due: query.due === d.value ? null : d.value }}
              navigate={navigate}
              current={query.due === d.value}
            >
              {d.label}
            </ViewLink>
          ))}
        </nav>
      )}

      {chips.length > 0 && (
        <ul aria-label="Active filters" className="chips">
          {chips.map((chip) => (
            <li key={chip.label}>
              <ViewLink to={chip.without} navigate={navigate} className="chip">
                <span className="visually-hidden">Remove filter </span>
                {chip.label}
                <span aria-hidden="true"> ×</span>
              </ViewLink>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
