/**
 * SQL round trips per page view on the site (issue 13), counted at the local
 * SQL endpoint's /stats for one signed-in person: sign-in, the landing page,
 * /tasks, a fresh API token and a repeated /api/auth/jwks. Each figure is the
 * fewest seen over a few tries, so that another test's traffic on the same
 * endpoint can only be missed, never counted (it can only add).
 * Used by e2e/round-trips.preview.test.ts and by `npm run bench`.
 */

export interface RoundTripTarget {
  /** The site, e.g. http://localhost:4331. */
  site: string;
  /** The local SQL endpoint, e.g. http://127.0.0.1:5490. */
  sql: string;
  /** The connection string with the endpoint's password, which /stats wants. */
  databaseUrl: string;
}

export interface PageRoundTrips {
  signIn: number;
  landing: number;
  tasks: number;
  token: number;
  repeatedJwks: number;
}

/** The rows of issue 13's table, with their goals (at most). */
export const ROUND_TRIP_GOALS: Record<keyof PageRoundTrips, { label: string; goal: number }> = {
  landing: { label: "signed-in /", goal: 0 },
  tasks: { label: "/tasks", goal: 1 },
  token: { label: "/api/auth/token (a fresh token)", goal: 1 },
  repeatedJwks: { label: "/api/auth/jwks, repeated", goal: 0 },
  signIn: { label: "sign-in", goal: 3 },
};

let addresses = 0;
/** A client address of its own per request series, as Cloudflare would report it. */
function newAddress(): string {
  return `192.0.2.${(process.pid + addresses++) % 250}`;
}

async function sqlRequests({ sql, databaseUrl }: RoundTripTarget): Promise<number> {
  const response = await fetch(`${sql}/stats`, { headers: { "neon-connection-string": databaseUrl } });
  if (!response.ok) throw new Error(`/stats answered ${response.status}`);
  return ((await response.json()) as { requests: number }).requests;
}

/** The fewest SQL requests `send` caused over `tries`; each response must be `expected`. */
async function fewest(
  target: RoundTripTarget,
  tries: number,
  expected: number,
  send: () => Promise<Response>,
): Promise<number> {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < tries; i++) {
    const before = await sqlRequests(target);
    const response = await send();
    await response.arrayBuffer();
    if (response.status !== expected) throw new Error(`${response.url} answered ${response.status}`);
    least = Math.min(least, (await sqlRequests(target)) - before);
  }
  return least;
}

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

export async function countPageRoundTrips(target: RoundTripTarget, tries = 3): Promise<PageRoundTrips> {
  const { site } = target;
  const email = `round-trips-${Date.now()}-${addresses}@example.test`;
  const password = "a long enough password";
  const json = (address: string) => ({ "content-type": "application/json", origin: site, "cf-connecting-ip": address });
  const signUp = await fetch(`${site}/api/auth/sign-up/email`, {
    method: "POST",
    headers: json(newAddress()),
    body: JSON.stringify({ name: "Round Trips", email, password }),
  });
  if (!signUp.ok) throw new Error(`sign-up answered ${signUp.status}`);
  // The first key pair is made on first use; counting starts once it exists and is held.
  for (let i = 0; i < 2; i++) await (await fetch(`${site}/api/auth/jwks`)).arrayBuffer();

  let cookie = "";
  const signIn = await fewest(target, tries, 200, async () => {
    const response = await fetch(`${site}/api/auth/sign-in/email`, {
      method: "POST",
      headers: json(newAddress()),
      body: JSON.stringify({ email, password }),
    });
    cookie = cookieOf(response);
    return response;
  });
  const address = newAddress();
  const page = (path: string) => () =>
    fetch(`${site}${path}`, { headers: { cookie, "cf-connecting-ip": address }, redirect: "manual" });
  // The key is made now if no token was ever minted, so /tasks is counted with it in place.
  const token = await fewest(target, tries, 200, page("/api/auth/token"));
  return {
    signIn,
    landing: await fewest(target, tries, 200, page("/")),
    tasks: await fewest(target, tries, 200, page("/tasks")),
    token,
    repeatedJwks: await fewest(target, tries, 200, () => fetch(`${site}/api/auth/jwks`)),
  };
}
