// A real SMTP server (smtp-server) on 127.0.0.1:0 that keeps every message it accepts, checks the login when
// asked to, and can be told to refuse the next messages with a reply code (451 transient, 550 permanent).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Header values by lower-case name (unfolded). */
  headers: Record<string, string>;
}

export interface SmtpFake {
  host: string;
  port: number;
  messages: ReceivedMail[];
  /** Refuse the next `times` messages at DATA with this reply code and text. */
  refuseNext(code: number, text: string, times?: number): void;
  close(): Promise<void>;
}

function headersOf(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const out: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

export async function startSmtpFake(
  options: { username?: string; password?: string } = {},
): Promise<SmtpFake> {
  const messages: ReceivedMail[] = [];
  const refusals: { code: number; text: string }[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: options.username === undefined,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.username && auth.password === options.password) {
        return callback(null, { user: auth.username });
      }
      const error = new Error('Invalid username or password') as Error & { responseCode: number };
      error.responseCode = 535;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const refusal = refusals.shift();
        if (refusal) {
          const error = new Error(refusal.text) as Error & { responseCode: number };
          error.responseCode = refusal.code;
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          headers: headersOf(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    messages,
    refuseNext(code, text, times = 1) {
      for (let i = 0; i < times; i++) refusals.push({ code, text });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
