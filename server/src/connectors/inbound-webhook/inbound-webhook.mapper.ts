// Pure: validates the inbound webhook body item by item, reporting each bad item with its index and field.
import { IncomingMention } from '../../../../contracts';

export interface InboundItemError {
  index: number;
  field: string;
  message: string;
}

export interface InboundMapResult {
  mentions: IncomingMention[];
  raw: unknown[];
  errors: InboundItemError[];
}

export function mapInboundWebhookBody(body: unknown): InboundMapResult {
  if (body !== null && typeof body === 'object' && 'mentions' in body && !Array.isArray(body.mentions)) {
    return { mentions: [], raw: [], errors: [{ index: 0, field: 'mentions', message: 'must be an array' }] };
  }
  const items: unknown[] =
    body !== null && typeof body === 'object' && !Array.isArray(body) && 'mentions' in body
      ? Array.isArray(body.mentions)
        ? (body as { mentions: unknown[] }).mentions
        : []
      : [body];
  const result: InboundMapResult = { mentions: [], raw: [], errors: [] };
  items.forEach((item, index) => {
    const parsed = IncomingMention.safeParse(item);
    if (parsed.success) {
      result.mentions.push(parsed.data);
      result.raw.push(item);
      return;
    }
    const issue = parsed.error.issues[0];
    result.errors.push({
      index,
      field: issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(item)',
      message: issue?.message ?? 'is invalid',
    });
  });
  return result;
}
