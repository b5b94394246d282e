/**
 * Child processes the bench starts (the preview stack, a wrangler dev for the
 * verification Worker). Each leads its own process group, so stopping it
 * stops everything it spawned, and all of them are stopped when the bench
 * ends, fails or is interrupted: nothing may keep serving afterwards.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createServer } from "node:net";

export interface Started {
  readonly pid: number;
  /** Everything the process printed so far. */
  output(): string;
  /** False once the process has exited. */
  alive(): boolean;
  /** SIGTERM to the group, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<Started>();

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Starts `command` in a new process group; its output goes to `logFile` and is kept in memory. */
export function startGroup(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Started {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const log = createWriteStream(logFile);
  let text = "";
  const keep = (chunk: Buffer) => {
    text += chunk.toString();
    log.write(chunk);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const pid = child.pid;
  const started: Started = {
    pid,
    output: () => text,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop(graceMs = 15_000) {
      running.delete(started);
      signalGroup(pid, "SIGTERM");
      const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), graceMs);
      await exited(child);
      clearTimeout(timer);
      log.end();
    },
  };
  running.add(started);
  return started;
}

/** Stops every process still running, newest first. */
export async function stopAll(): Promise<void> {
  for (const started of [...running].reverse()) await started.stop();
}

/** Interrupts and failures stop the children before the bench exits. */
export function stopChildrenOnExit(): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the processes the bench started…`);
      void stopAll().finally(() => process.exit(130));
    });
  }
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something already listens on `port`, so the bench can refuse to start over it. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
}

/** Polls `url` until it answers below 500, or throws after `timeoutMs` or when `alive()` turns false. */
export async function waitForUrl(url: string, alive: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`the process serving ${url} exited`);
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    if (response && response.status < 500) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} did not come up within ${timeoutMs / 1000} s`);
}
