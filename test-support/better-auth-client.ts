/**
 * Signs a person up through Better Auth's HTTP API and fetches their access
 * token, as the site's own pages do. Plain fetch, so both the tests inside
 * workerd and the Node benchmark use it.
 */

export interface SignedUp {
  id: string;
  email: string;
  /** The session cookie, `name=value; …`, as the browser would send it. */
  cookie: string;
  /** A 15-minute EdDSA access token for the API. */
  token: string;
}

export interface SignUpOptions {
  /** The origin serving /api/auth/* (and trusted by it: sent as Origin). */
  authOrigin: string;
  name: string;
  email: string;
  password?: string;
  /** The header carrying the client address Better Auth rate-limits by, and the address. */
  clientIp: { header: string; address: string };
}

/** The password a sign-up uses unless told otherwise. */
export const DEFAULT_PASSWORD = "correct horse battery staple";

export async function signUpAndGetToken(options: SignUpOptions): Promise<SignedUp> {
  const { authOrigin, name, email, clientIp } = options;
  const password = options.password ?? DEFAULT_PASSWORD;
  const signUp = await fetch(`${authOrigin}/api/auth/sign-up/email`, {
    method: "POST",
    // Better Auth refuses a POST without a trusted Origin.
    headers: { "content-type": "application/json", origin: authOrigin, [clientIp.header]: clientIp.address },
    body: JSON.stringify({ name, email, password }),
  });
  if (!signUp.ok) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const { user } = (await signUp.json()) as { user: { id: string } };
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const tokenResponse = await fetch(`${authOrigin}/api/auth/token`, {
    headers: { cookie, [clientIp.header]: clientIp.address },
  });
  if (!tokenResponse.ok) throw new Error(`token failed: ${tokenResponse.status} ${await tokenResponse.text()}`);
  const { token } = (await tokenResponse.json()) as { token: string };
  return { id: user.id, email, cookie, token };
}
