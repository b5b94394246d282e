/** The site's mailer, chosen by MAIL_TRANSPORT (see site-env.server.ts). */
import { env } from "cloudflare:workers";
import type { SiteEnv } from "../site-env.server.ts";
import { createCloudflareEmail, type SendEmailBinding } from "./cloudflare-email.ts";
import { createHttpMailApi } from "./http-mail-api.ts";
import type { Mailer } from "./mailer.ts";
import { createOutbox } from "./outbox.ts";

export function siteMailer(config: SiteEnv): Mailer {
  switch (config.MAIL_TRANSPORT) {
    case "cloudflare": {
      const binding = (env as { EMAIL?: SendEmailBinding }).EMAIL;
      if (!binding) throw new Error("MAIL_TRANSPORT=cloudflare needs the send_email binding EMAIL");
      return createCloudflareEmail(binding, config.MAIL_FROM);
    }
    case "http":
      return createHttpMailApi({ url: config.MAIL_API_URL, apiKey: config.MAIL_API_KEY ?? "", from: config.MAIL_FROM });
    default:
      return createOutbox();
  }
}
