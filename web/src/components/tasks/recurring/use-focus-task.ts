/**
 * `/tasks?task=<id>`, where a reminder's notification leads (003 FR-046):
 * once hydrated, scroll to that task and focus its title, so the keyboard
 * and screen readers start there. A task not in the first page is not found,
 * and nothing happens.
 */
import { useEffect } from "react";

export function useFocusTask(hydrated: boolean): void {
  useEffect(() => {
    if (!hydrated) return;
    const id = new URLSearchParams(window.location.search).get("task");
    if (!id) return;
    const row = document.querySelector(`[data-task-id="${CSS.escape(id)}"]`);
    row?.scrollIntoView({ block: "center" });
    row?.querySelector<HTMLElement>(".task-title")?.focus();
  }, [hydrated]);
}
