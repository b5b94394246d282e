import { signUpAndGetToken } from "../../test-support/better-auth-client.ts";

/**
 * Real users for the bench, made the way a browser makes them: sign-up through
 * the site's Better Auth, then an access token from /api/auth/token. Tasks are
 * created through the API itself.
 */

export interface BenchUser {
  id: string;
  email: string;
  /** The session cookie, `name=value`, for the site (Lighthouse's /tasks). */
  cookie: string;
  /** A 15-minute EdDSA access token for the API. */
  token: string;
}

let signUps = 0;

/**
 * Signs a fresh user up. Sign-up is rate limited per client IP (5 a minute),
 * so each user claims its own address from the benchmarking range
 * 198.18.0.0/15 (RFC 2544) in CF-Connecting-IP, the header the site trusts.
 */
export async function signUpUser(site: string, label: string): Promise<BenchUser> {
  signUps++;
  const { id, email, cookie, token } = await signUpAndGetToken({
    authOrigin: site,
    name: `Bench ${label}`,
    email: `bench-${label}-${Date.now()}-${signUps}@example.test`,
    clientIp: { header: "cf-connecting-ip", address: `198.18.${(process.pid + signUps) % 250}.${signUps}` },
  });
  return { id, email, cookie, token };
}

const PRIORITIES = ["none", "low", "medium", "high"] as const;

/** Creates `count` varied tasks for `user` through the API, a few at a time; returns their ids. */
export async function seedTasks(api: string, user: BenchUser, count: number): Promise<string[]> {
  const ids: string[] = [];
  const createOne = async (i: number) => {
    const response = await fetch(`${api}/api/${user.id}/tasks`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        title: `Benchmark task ${i + 1}`,
        description: i % 3 === 0 ? "Seeded by npm run bench so the list has realistic rows." : null,
        priority: PRIORITIES[i % PRIORITIES.length],
        tags: i % 2 === 0 ? ["bench", `group-${i % 5}`] : [],
        dueAt: i % 4 === 0 ? new Date(Date.UTC(2026, 11, 1 + (i % 28), 9)).toISOString() : null,
      }),
    });
    if (response.status !== 201) throw new Error(`seeding a task failed: ${response.status} ${await response.text()}`);
    ids[i] = ((await response.json()) as { id: string }).id;
  };
  for (let start = 0; start < count; start += 5) {
    await Promise.all(Array.from({ length: Math.min(5, count - start) }, (_, k) => createOne(start + k)));
  }
  return ids;
}
