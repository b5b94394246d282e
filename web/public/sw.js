/*
 * The dashboard's service worker (issue 15, 003 FR-046): it only shows
 * reminders pushed by the API and opens the task when one is clicked. It
 * caches nothing and handles no fetch, so the site works the same without it.
 * The payload is the API's JSON: { taskId, title, dueAt, url }.
 */

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

/** The task's page on this site; anything else in the payload is ignored. */
function taskUrl(taskId) {
  return typeof taskId === "string" && taskId ? `/tasks?task=${encodeURIComponent(taskId)}` : "/tasks";
}

function dueWords(dueAt) {
  const due = new Date(dueAt);
  if (Number.isNaN(due.getTime())) return "Reminder";
  return `Due ${due.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}`;
}

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: event.data ? event.data.text() : "" };
  }
  const title = typeof data.title === "string" && data.title ? data.title : "A task is due";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: dueWords(data.dueAt),
      // A later reminder for the same task replaces the earlier one.
      tag: typeof data.taskId === "string" ? `task-${data.taskId}` : undefined,
      data: { url: taskUrl(data.taskId) },
      icon: "/favicon.svg",
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? "/tasks", self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).pathname === "/tasks") ?? windows[0];
      if (open) {
        await open.focus();
        // navigate() needs a window this worker controls; clients.claim() makes open pages so.
        return open.navigate(url).catch(() => self.clients.openWindow(url));
      }
      return self.clients.openWindow(url);
    })(),
  );
});
