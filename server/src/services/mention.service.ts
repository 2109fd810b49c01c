// Reading mentions (filters, full-text search, keyset pagination) and rollup series.
import type {
  ListMentionsQuery,
  Mention,
  MentionDetail,
  MentionPage,
  MentionSentimentDetail,
  Platform,
  RollupQuery,
  RollupSeries,
} from '../../../contracts';
import {
  ListMentionsQuery as ListMentionsQuerySchema,
  RollupQuery as RollupQuerySchema,
} from '../../../contracts';
import type { Actor } from '../domain/actor';
import { InvalidError, NotFoundError } from '../errors';
import type { MentionRepository, MentionRow, MentionWrite } from '../repositories/mention.repository';
import type { RollupRepository } from '../repositories/rollup.repository';
import type { Clock } from '../repositories/clock.repository';
import { authorize } from './authorize';

export function presentMentionWrite(id: string, w: MentionWrite, receivedAt: Date): Mention {
  return {
    id,
    platform: w.platform as Platform,
    externalId: w.externalId,
    url: w.url,
    author: {
      handle: w.authorHandle,
      name: w.authorName,
      followers: w.authorFollowers,
      verified: w.authorVerified,
    },
    text: w.text,
    createdAt: w.createdAt,
    lang: w.lang,
    engagement: { likes: w.likes, reposts: w.reposts, replies: w.replies, views: w.views },
    replyTo: w.replyTo,
    threadId: w.threadId,
    isOwn: w.isOwn,
    sourceId: w.sourceId,
    brandIds: w.brandIds,
    sentiment:
      w.sentimentLabel === null
        ? null
        : {
            label: w.sentimentLabel as 'negative' | 'neutral' | 'positive',
            score: w.sentimentScore ?? 0,
            confidence: w.sentimentConfidence ?? 0,
          },
    reach: w.reach,
    receivedAt: receivedAt.toISOString(),
  };
}

export function presentMention(r: MentionRow): Mention {
  return presentMentionWrite(
    r.id,
    {
      ...r,
      createdAt: r.createdAt.toISOString(),
      raw: undefined,
      views: r.views === null ? null : Number(r.views),
    },
    r.receivedAt,
  );
}

function encodeCursor(row: MentionRow): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new InvalidError('cursor: not a cursor this API returned');
  }
  return { createdAt, id };
}

const bucketSpanMs = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
/** Default windows: the last hour by minute, the last day by hour, the last week by day. */
const defaultWindowMs = { minute: 3_600_000, hour: 86_400_000, day: 7 * 86_400_000 } as const;
/** At most this many buckets per series in one answer. */
const maxBuckets = 10_000;

export class MentionService {
  constructor(
    private readonly deps: {
      mentions: MentionRepository;
      rollups: RollupRepository;
      clock: Clock;
      /** The mention's sentiment explained, and its relabels (SentimentService.explain). */
      explainSentiment: (actor: Actor, mention: Mention) => Promise<MentionSentimentDetail>;
    },
  ) {}

  async list(actor: Actor, raw: ListMentionsQuery): Promise<MentionPage> {
    authorize(actor, 'mention.read');
    const q = ListMentionsQuerySchema.parse(raw);
    const rows = await this.deps.mentions.list(actor.workspaceId, {
      brandId: q.brandId,
      platform: q.platform,
      sentiment: q.sentiment,
      lang: q.lang,
      minReach: q.minReach,
      q: q.q,
      since: q.since ? new Date(q.since) : undefined,
      until: q.until ? new Date(q.until) : undefined,
      before: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    return {
      mentions: page.map(presentMention),
      nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null,
    };
  }

  async get(actor: Actor, id: string): Promise<MentionDetail> {
    authorize(actor, 'mention.read');
    const found = await this.deps.mentions.find(actor.workspaceId, id);
    if (!found) throw new NotFoundError('Mention');
    const mention = presentMention(found.row);
    return { ...mention, raw: found.raw, sentimentDetail: await this.deps.explainSentiment(actor, mention) };
  }

  async rollups(actor: Actor, raw: RollupQuery): Promise<RollupSeries> {
    authorize(actor, 'mention.read');
    const q = RollupQuerySchema.parse(raw);
    const until = q.until ? new Date(q.until) : new Date(this.deps.clock.now().getTime() + 60_000);
    const since = q.since ? new Date(q.since) : new Date(until.getTime() - defaultWindowMs[q.bucket]);
    if (since >= until) throw new InvalidError('since: must be before until');
    if ((until.getTime() - since.getTime()) / bucketSpanMs[q.bucket] > maxBuckets) {
      throw new InvalidError(
        `bucket: more than ${maxBuckets} ${q.bucket}s between since and until; use a larger bucket`,
      );
    }
    const points = await this.deps.rollups.series(
      actor.workspaceId,
      q.brandId,
      q.platform,
      since,
      until,
      q.bucket,
    );
    const byPlatform = new Map<string, RollupSeries['series'][number]>();
    for (const p of points) {
      let s = byPlatform.get(p.platform);
      if (!s) {
        s = { platform: p.platform as Platform, points: [] };
        byPlatform.set(p.platform, s);
      }
      s.points.push({
        t: p.bucket.toISOString(),
        count: p.count,
        negativeCount: p.negativeCount,
        reach: p.reach,
      });
    }
    return {
      brandId: q.brandId,
      bucket: q.bucket,
      since: since.toISOString(),
      until: until.toISOString(),
      series: [...byPlatform.values()],
    };
  }
}
