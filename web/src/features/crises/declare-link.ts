// A declaration link: what a signal (or anything else holding evidence) puts in the URL to open the declare form
// already filled in. Pure, so it is tested without a browser.
import { type CrisisType, crisisTypes, type Severity, severities } from '@contracts';

/** What a declaration can start from: a detection signal (with its evidence mentions and brand), or nothing. */
export interface DeclareFrom {
  title?: string;
  summary?: string;
  type?: CrisisType;
  severity?: Severity;
  brandId?: string;
  signalId?: string;
  evidenceMentionIds?: string[];
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads a declaration link: `/crises?declare=1&signal=ID&brand=ID&mentions=ID,ID&title=…&type=…&severity=…`.
 * This is how a signal (or anything else holding evidence) opens the declare form already filled in.
 */
export function declareFromSearch(params: URLSearchParams): DeclareFrom | null {
  if (!params.has('declare') && !params.has('signal')) return null;
  const type = params.get('type');
  const severity = params.get('severity');
  const signalId = params.get('signal');
  const brandId = params.get('brand');
  const mentions = (params.get('mentions') ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter((m) => uuid.test(m));
  return {
    ...(params.get('title') ? { title: params.get('title')! } : {}),
    ...(params.get('summary') ? { summary: params.get('summary')! } : {}),
    ...(type && (crisisTypes as readonly string[]).includes(type) ? { type: type as CrisisType } : {}),
    ...(severity && (severities as readonly string[]).includes(severity)
      ? { severity: severity as Severity }
      : {}),
    ...(signalId && uuid.test(signalId) ? { signalId } : {}),
    ...(brandId && uuid.test(brandId) ? { brandId } : {}),
    ...(mentions.length > 0 ? { evidenceMentionIds: mentions.slice(0, 200) } : {}),
  };
}
