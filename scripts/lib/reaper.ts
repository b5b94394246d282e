/**
 * The watchdog scripts/lib/process-group.ts starts beside the process groups
 * it launches. Its parent writes `+<pgid>` when a group starts and `-<pgid>`
 * when it is gone. When its stdin closes, which happens however the parent
 * ended (even by SIGKILL, which no exit handler sees), it stops every group
 * still listed, so nothing keeps serving after the tests, the bench or
 * `npm run dev` are gone.
 */
const groups = new Set<number>();

function signal(name: NodeJS.Signals) {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, name);
    } catch {
      groups.delete(pgid);
    }
  }
}

// Ctrl-C in a terminal is for the parent; this process outlives it on purpose.
for (const name of ["SIGINT", "SIGHUP", "SIGTERM"] as const) process.on(name, () => undefined);

let pending = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk: string) => {
  pending += chunk;
  const lines = pending.split("\n");
  pending = lines.pop() ?? "";
  for (const line of lines) {
    const pgid = Number(line.slice(1));
    if (!Number.isInteger(pgid) || pgid <= 0) continue;
    if (line.startsWith("+")) groups.add(pgid);
    else groups.delete(pgid);
  }
});
process.stdin.on("end", () => {
  if (groups.size === 0) process.exit(0);
  signal("SIGTERM");
  setTimeout(() => {
    signal("SIGKILL");
    process.exit(0);
  }, 5000);
});
