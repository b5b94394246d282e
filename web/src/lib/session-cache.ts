/**
 * How long Better Auth's signed session cookie cache (`better-auth.session_data`)
 * stands in for the `session` table on page renders: the revocation delay of
 * ADR 0008. A device signed out elsewhere still sees pages (never a new
 * browser token) for at most this long. Shared with the browser journeys,
 * which wait it out.
 */
export const SESSION_CACHE_SECONDS = 30;
