/**
 * A real SMTP server for the mail tests (smtp-server from npm; no mocked transport), and decoders for what
 * nodemailer writes (quoted-printable or base64 parts, RFC 2047 encoded-word headers).
 */
import { SMTPServer } from "smtp-server";
import { createServer, type AddressInfo } from "node:net";

export interface Received {
  to: string[];
  raw: string;
  subject: string;
  /** when the server accepted it (answered 250) */
  at: number;
}

export interface TestSmtp {
  port: number;
  url: string;
  /** accepted mails only: a mail whose DATA was never answered 250 is not here */
  received: Received[];
  listen(): Promise<void>;
  close(): Promise<void>;
  /** asked for each mail: true holds it (never answered), as a mail server that hangs */
  hold: ((subject: string) => boolean) | null;
}

export async function freeTcpPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/** An SMTP server on a free port; not listening until listen() (so a test can have the mail server down first). */
export async function testSmtp(): Promise<TestSmtp> {
  const port = await freeTcpPort();
  const t: TestSmtp = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received: [],
    hold: null,
    listen: () => new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r())),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const subject = words(/^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1] ?? "");
        if (t.hold?.(subject)) return; // never answered: the client waits until it gives up or dies
        t.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, subject, at: Date.now() });
        done();
      });
    },
  });
  server.on("error", () => {});
  return t;
}

export function qp(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i], "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

export function words(s: string): string {
  return s
    .replace(/\r?\n[ \t]+/g, " ")
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) => (enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : qp(text.replace(/_/g, " "))));
}

/** One part of a multipart mail, decoded. */
export function part(raw: string, type: string): string {
  const i = raw.indexOf(`Content-Type: ${type}`);
  const start = raw.indexOf("\r\n\r\n", i) + 4;
  const end = raw.indexOf("\r\n--", start);
  const headers = raw.slice(i, start);
  const body = raw.slice(start, end);
  return /base64/i.test(headers) ? Buffer.from(body.replace(/\s/g, ""), "base64").toString("utf8") : qp(body);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `cond` holds (or `ms` passed: then the test's own assertions say what is missing). */
export async function until(cond: () => boolean | Promise<boolean>, ms = 60_000, step = 200): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await sleep(step);
  }
  return cond();
}
