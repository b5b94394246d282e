/**
 * Mail through an HTTPS mail API with Resend's request shape
 * (`POST /emails`, bearer key, `{from, to, subject, text, html}`), which
 * several providers accept. The URL is configurable, so tests point it at a
 * fake on loopback.
 */
import { MailError, type Mailer } from "./mailer.ts";

export interface HttpMailApiSettings {
  url: string;
  apiKey: string;
  from: string;
  fetch?: typeof fetch;
}

export function createHttpMailApi({ url, apiKey, from, fetch: send = fetch }: HttpMailApiSettings): Mailer {
  return {
    kind: "http",
    async send(mail) {
      const response = await send(url, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ from, to: [mail.to], subject: mail.subject, text: mail.text, html: mail.html }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) {
        throw new MailError(`The mail API answered ${response.status}`, { cause: await response.text() });
      }
    },
  };
}
