/**
 * The mail transports. The HTTPS mail API is a fake on loopback that records
 * what it was sent; the outbox is the real one. (That a mailed reset never
 * carries the password is checked end to end in e2e/account.test.ts.)
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCloudflareEmail } from "./cloudflare-email.ts";
import { createHttpMailApi } from "./http-mail-api.ts";
import { MailError } from "./mailer.ts";
import { passwordResetMail, verificationMail } from "./messages.ts";
import { createOutbox, outboxMessages } from "./outbox.ts";

const received: { headers: IncomingMessage["headers"]; body: unknown; path: string }[] = [];
let status = 200;
const fake = createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk) => {
    raw += chunk;
  });
  req.on("end", () => {
    received.push({ headers: req.headers, body: JSON.parse(raw), path: req.url ?? "" });
    res.statusCode = status;
    res.setHeader("content-type", "application/json");
    res.end(status === 200 ? '{"id":"m-1"}' : '{"message":"domain not verified"}');
  });
});
let url = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/emails`;
});

afterAll(() => {
  fake.close();
});

const mail = passwordResetMail("ada@example.test", "https://todo.example/reset-password?token=abc");

// Covers 002 FR-060.
describe("the HTTPS mail API transport", () => {
  it("posts the message with the key as a bearer token, from the configured sender", async () => {
    status = 200;
    await createHttpMailApi({ url, apiKey: "re_test_key", from: "Tasks <no-reply@todo.example>" }).send(mail);
    const request = received.at(-1);
    expect(request?.path).toBe("/emails");
    expect(request?.headers.authorization).toBe("Bearer re_test_key");
    expect(request?.body).toEqual({
      from: "Tasks <no-reply@todo.example>",
      to: ["ada@example.test"],
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
  });

  it("raises a MailError when the API refuses, keeping its answer as the cause", async () => {
    status = 422;
    const sending = createHttpMailApi({ url, apiKey: "k", from: "a@b.example" }).send(mail);
    await expect(sending).rejects.toBeInstanceOf(MailError);
    await expect(sending).rejects.toMatchObject({ cause: '{"message":"domain not verified"}' });
  });
});

// Covers 002 FR-060.
describe("the Cloudflare Email Service transport", () => {
  it("hands the binding the message with the configured sender", async () => {
    const sent: unknown[] = [];
    await createCloudflareEmail({ send: async (message) => sent.push(message) }, "no-reply@todo.example").send(mail);
    expect(sent).toEqual([{ from: "no-reply@todo.example", ...mail }]);
  });

  it("raises a MailError when the binding refuses", async () => {
    const refusing = createCloudflareEmail({ send: () => Promise.reject(new Error("E_SENDER")) }, "x@todo.example");
    await expect(refusing.send(mail)).rejects.toBeInstanceOf(MailError);
  });
});

// Covers 002 FR-061.
describe("the outbox", () => {
  it("keeps messages newest first with the time they were sent", async () => {
    const outbox = createOutbox();
    await outbox.send(verificationMail("first@example.test", "https://todo.example/verify?token=1"));
    await outbox.send(mail);
    const [newest, older] = outboxMessages();
    expect(newest).toMatchObject({ to: "ada@example.test", subject: mail.subject });
    expect(older?.to).toBe("first@example.test");
    expect(Date.parse(newest?.sentAt ?? "")).not.toBeNaN();
  });
});

// Covers 002 FR-060.
describe("the messages", () => {
  it("carry the link in text and HTML, escaped in the HTML", () => {
    const tricky = passwordResetMail("x@example.test", 'https://todo.example/reset-password?token=a"b<c');
    expect(tricky.text).toContain('token=a"b<c');
    expect(tricky.html).toContain("token=a&quot;b&lt;c");
    expect(tricky.html).not.toContain('a"b<c');
  });
});
