/** Mail through Cloudflare's Email Service: the Worker's `send_email` binding. */
import { MailError, type Mailer } from "./mailer.ts";

/** The part of the binding we use (Cloudflare's `SendEmail`, builder form). */
export interface SendEmailBinding {
  send(message: { from: string; to: string; subject: string; text: string; html: string }): Promise<unknown>;
}

export function createCloudflareEmail(binding: SendEmailBinding, from: string): Mailer {
  return {
    kind: "cloudflare",
    async send(mail) {
      try {
        await binding.send({ from, ...mail });
      } catch (error) {
        throw new MailError("Cloudflare Email Service refused the message", { cause: error });
      }
    },
  };
}
