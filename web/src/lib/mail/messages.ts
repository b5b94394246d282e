/**
 * The messages the site sends, as plain text plus simple HTML. They carry a
 * link and say what it does and how long it lasts; never a password.
 */
import type { Mail } from "./mailer.ts";

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

function compose(to: string, subject: string, lines: { intro: string; action: string; url: string; outro: string }) {
  const text = `${lines.intro}\n\n${lines.action}:\n${lines.url}\n\n${lines.outro}\n`;
  const html = `<p>${escapeHtml(lines.intro)}</p><p><a href="${escapeHtml(lines.url)}">${escapeHtml(lines.action)}</a></p><p>${escapeHtml(lines.outro)}</p>`;
  return { to, subject, text, html } satisfies Mail;
}

export function passwordResetMail(to: string, url: string): Mail {
  return compose(to, "Reset your Tasks password", {
    intro: "Someone asked to reset the password of the Tasks account for this address.",
    action: "Choose a new password",
    url,
    outro:
      "The link works once, for one hour. If you did not ask for it, ignore this message: your password stays as it is.",
  });
}

export function verificationMail(to: string, url: string): Mail {
  return compose(to, "Confirm your email for Tasks", {
    intro: "Confirm that this address belongs to you to finish setting up your Tasks account.",
    action: "Confirm my email",
    url,
    outro: "The link works for one hour. If you did not sign up, ignore this message.",
  });
}
