/**
 * The local outbox as JSON, newest first: `[{to, subject, text, html, sentAt}]`.
 * Only where mail goes to the outbox (development, preview, tests); elsewhere 404.
 */
import type { APIRoute } from "astro";
import { outboxMessages } from "../../lib/mail/outbox.ts";
import { siteEnv } from "../../lib/site-env.server.ts";

export const prerender = false;

export const GET: APIRoute = () => {
  if (siteEnv().MAIL_TRANSPORT !== "outbox") return new Response("Not found", { status: 404 });
  const messages = outboxMessages().map(({ to, subject, text, html, sentAt }) => ({ to, subject, text, html, sentAt }));
  return Response.json(messages, { headers: { "cache-control": "no-store" } });
};
