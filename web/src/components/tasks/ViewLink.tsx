/**
 * A link to another view of the dashboard: a real href, so it works before
 * the island hydrates and opens in a new tab; once hydrated, a plain click
 * changes the view in place and adds a history entry (FR-009).
 */
import type { MouseEvent, ReactNode } from "react";
import { type ViewQuery, viewQuerySearch } from "./view-query.ts";

interface Props {
  to: ViewQuery;
  navigate: (next: ViewQuery, push: boolean) => void;
  current?: boolean;
  className?: string;
  children: ReactNode;
}

export function ViewLink({ to, navigate, current, className, children }: Props) {
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to, true);
  }
  return (
    <a
      href={`/tasks${viewQuerySearch(to)}`}
      aria-current={current ? "page" : undefined}
      className={className}
      onClick={onClick}
    >
      {children}
    </a>
  );
}
