import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { signalGroup, startGroup } from "./process-group.ts";

const STARTER = fileURLToPath(new URL("../fixtures/process-group/starter.ts", import.meta.url));

describe("process groups", () => {
  it("stops the whole group, including what the leader spawned", async () => {
    const group = startGroup("shell", "sh", ["-c", "sleep 300 & sleep 300"], { output: () => undefined });
    expect(signalGroup(group.pid, 0)).toBe(true);
    await group.stop(2000);
    expect(signalGroup(group.pid, 0)).toBe(false);
  });

  it("stops the groups of a starter that was killed with SIGKILL, which no exit handler sees", async () => {
    const starter = spawn(process.execPath, [STARTER], { stdio: ["ignore", "pipe", "inherit"] });
    const [line] = (await once(starter.stdout, "data")) as [Buffer];
    const pgid = Number(line.toString().trim());
    expect(signalGroup(pgid, 0)).toBe(true);
    starter.kill("SIGKILL");
    await expect.poll(() => signalGroup(pgid, 0), { timeout: 15_000 }).toBe(false);
  });
});
