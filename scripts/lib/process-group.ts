/**
 * Child processes that serve something (the local SQL endpoint, `wrangler dev`,
 * `astro dev`): each leads its own process group, so stopping it stops what it
 * spawned too (workerd, esbuild). A watchdog process (reaper.ts) stops every
 * group still running if this process dies without stopping them itself.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Where each line a child prints goes: `name` is the child's, `stream` where it printed it. */
export type OutputSink = (name: string, line: string, stream: "stdout" | "stderr") => void;

/** Prints each line with its child's name in front, as `npm run dev` shows them. */
export const printPrefixed: OutputSink = (name, line, stream) => {
  (stream === "stdout" ? process.stdout : process.stderr).write(`[${name}] ${line}\n`);
};

export interface Group {
  readonly name: string;
  readonly pid: number;
  /** False once the group's leader has exited. */
  alive(): boolean;
  /** Resolves with the exit code (or signal) when the leader exits. */
  readonly exited: Promise<number | string>;
  /** SIGTERM to the group, then SIGKILL to whatever is left after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<Group>();
let reaper: ChildProcess | undefined;

function tellReaper(line: string) {
  if (!reaper) {
    reaper = spawn(process.execPath, [fileURLToPath(new URL("./reaper.ts", import.meta.url))], {
      stdio: ["pipe", "ignore", "inherit"],
      detached: true,
    });
    // The watchdog must never keep this process alive.
    reaper.unref();
    (reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  }
  reaper.stdin?.write(`${line}\n`);
}

/** Sends `signal` to the whole group; false when the group is gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

async function groupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (signalGroup(pgid, 0)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** Starts `command` as the leader of a new process group, its output line by line to `output`. */
export function startGroup(
  name: string,
  command: string,
  args: string[],
  { env = {}, cwd, output = printPrefixed }: { env?: NodeJS.ProcessEnv; cwd?: string; output?: OutputSink } = {},
): Group {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  const pid = child.pid;
  tellReaper(`+${pid}`);
  for (const stream of ["stdout", "stderr"] as const) {
    let pending = "";
    child[stream]?.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) output(name, line, stream);
    });
    child[stream]?.on("end", () => {
      if (pending.trim()) output(name, pending, stream);
    });
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => resolve(signal ?? code ?? "unknown"));
  });
  const group: Group = {
    name,
    pid,
    alive: () => child.exitCode === null && child.signalCode === null,
    exited,
    async stop(graceMs = 15_000) {
      signalGroup(pid, "SIGTERM");
      const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
      // The leader is gone; whatever it spawned and left behind gets the same grace.
      if (!(await groupGone(pid, graceMs))) signalGroup(pid, "SIGKILL");
      running.delete(group);
      tellReaper(`-${pid}`);
    },
  };
  running.add(group);
  return group;
}

/** Stops every group still running, newest first. */
export async function stopAll(graceMs?: number): Promise<void> {
  for (const group of [...running].reverse()) await group.stop(graceMs);
}

/** SIGINT, SIGTERM and SIGHUP stop every group, then end this process with `exitCode`. */
export function stopAllOnSignals(exitCode = 130, before?: (signal: NodeJS.Signals) => void): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      before?.(signal);
      void stopAll().finally(() => process.exit(exitCode));
    });
  }
}
