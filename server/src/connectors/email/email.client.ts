// Email over SMTP with nodemailer: host, port, secure and auth from the channel's settings and secrets.
// Answers are classified by SMTP reply code (2xx delivered, 4xx retryable, 5xx permanent).
import nodemailer from 'nodemailer';
import { classifySmtpCode, type DeliveryResult, delivered, failed } from '../../domain/alerting/delivery';
import type { EmailMessage } from '../../domain/alerting/render';

export interface SmtpTarget {
  host: string;
  port: number;
  secure: boolean;
  username?: string;
  password?: string;
  from: string;
  to: string[];
  /** Tests against a local server without TLS. */
  ignoreTls?: boolean;
  timeoutMs?: number;
}

export async function sendEmail(
  target: SmtpTarget,
  message: EmailMessage,
  headers: Record<string, string> = {},
): Promise<DeliveryResult> {
  const timeout = target.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: target.secure,
    ...(target.ignoreTls ? { ignoreTLS: true } : {}),
    ...(target.username ? { auth: { user: target.username, pass: target.password ?? '' } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  try {
    const info = await transport.sendMail({
      from: target.from,
      to: target.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers,
    });
    const code = /^(\d{3})/.exec(info.response)?.[1];
    return delivered(code ? Number(code) : 250, info.response.slice(0, 300));
  } catch (error) {
    const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
    const code = typeof e.responseCode === 'number' ? e.responseCode : null;
    const outcome = code !== null ? classifySmtpCode(code) : e.code === 'EAUTH' ? 'permanent' : 'retryable';
    const reason = code !== null ? `SMTP ${code}` : `SMTP ${e.code ?? 'error'}`;
    return failed(
      outcome === 'delivered' ? 'retryable' : outcome,
      `${reason}: ${(e.response ?? e.message ?? '').slice(0, 200)}`,
      code,
      e.response?.slice(0, 300) ?? null,
    );
  } finally {
    transport.close();
  }
}
