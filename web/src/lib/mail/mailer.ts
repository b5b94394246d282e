/**
 * One small seam for outgoing mail. Better Auth hands us a link to send; a
 * Mailer delivers it: into the local outbox, through Cloudflare's Email
 * Service binding, or through an HTTPS mail API. Which one is configuration.
 */

/** A message as every transport takes it: plain text plus simple HTML. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Which transport this is, for /dev/mail and the logs. */
  readonly kind: "outbox" | "cloudflare" | "http";
  send(mail: Mail): Promise<void>;
}

/** Raised when a transport refuses a message; the cause is kept, never shown to a visitor. */
export class MailError extends Error {
  override readonly name = "MailError";
}
