// Which connector serves each source kind: its platform, whether it is push (webhooks, import: no pull loop),
// the zod schemas of its settings and (secret) credentials, and how to create its PullConnector.
// The SourceRunner asks `createConnector` for every active pull source; it returns null for push kinds.
import { z, type ZodType } from 'zod';
import type { Platform, SourceKind } from '../../../contracts';
import { InvalidError } from '../errors';
import { BlueskyJetstreamConnector } from './bluesky/bluesky.connector';
import type { PullConnector } from './connector';
import { InboundWebhookCredentials } from './inbound-webhook/inbound-webhook.schemas';
import { MastodonConnector } from './mastodon/mastodon.connector';
import { MastodonCredentials } from './mastodon/mastodon.schemas';
import { MetaWebhookCredentials } from './meta/meta.schemas';
import { RedditSearchConnector } from './reddit/reddit.connector';
import { RedditCredentials } from './reddit/reddit.schemas';
import { SimulatorConnector } from './simulator/simulator.connector';
import { XFilteredStreamConnector } from './x/x.connector';
import { xRulesForBrands } from './x/x.rules';
import { XStreamCredentials } from './x/x.schemas';
import { YouTubeCommentsConnector } from './youtube/youtube.connector';
import { YouTubeCredentials } from './youtube/youtube.schemas';

export interface ConnectorDeps {
  /** Point the connector at another host (a fake server in tests, a self-hosted mirror). */
  baseUrl?: string;
  now?: () => Date;
  /** The workspace's brand queries: the X connector derives its stream rules from them when settings.rules is absent. */
  brandQueries?: { id: string; query: string }[];
}

export interface ConnectorEntry<S = Record<string, unknown>, C = Record<string, unknown>> {
  platform: Platform;
  push: boolean;
  settings: ZodType<S>;
  credentials: ZodType<C>;
  create?(settings: S, credentials: C, deps: ConnectorDeps): PullConnector;
}

// Settings objects stay loose: the sources table may carry extra keys (e.g. brandId) that the runner reads.
const url = z.url({ protocol: /^(https?|wss?)$/ });
const NoCredentials = z.object({}).loose();

export const BlueskyJetstreamSettings = z
  .object({
    baseUrl: url.optional(),
    keywords: z.array(z.string().min(1).max(200)).max(1_000).optional(),
    wantedDids: z.array(z.string().startsWith('did:')).max(10_000).optional(),
  })
  .loose();
export const MastodonSettings = z
  .object({
    baseUrl: url,
    streamingBaseUrl: url.optional(),
    hashtag: z.string().min(1).max(100).optional(),
    local: z.boolean().optional(),
  })
  .loose();
export const XStreamSettings = z
  .object({
    baseUrl: url.optional(),
    /** Stream rules (one per brand query); kept in sync on every (re)start of the source. */
    rules: z
      .array(z.object({ value: z.string().min(1).max(1_024), tag: z.string().min(1).max(200) }))
      .max(1_000)
      .optional(),
    gapFill: z.boolean().optional(),
  })
  .loose();
export const RedditSettings = z
  .object({
    baseUrl: url.optional(),
    query: z.string().min(1).max(512),
    subreddit: z
      .string()
      .regex(/^[A-Za-z0-9_]{2,21}$/)
      .optional(),
    intervalSeconds: z.number().min(5).max(86_400).optional(),
    userAgent: z.string().min(10).max(200).optional(),
  })
  .loose();
export const YouTubeSettings = z
  .object({
    baseUrl: url.optional(),
    videoId: z.string().min(1).max(64).optional(),
    channelId: z.string().min(1).max(64).optional(),
    ownChannelId: z.string().max(64).optional(),
    intervalSeconds: z.number().min(30).max(86_400).optional(),
  })
  .loose()
  .refine((s) => (s.videoId == null) !== (s.channelId == null), {
    message: 'give exactly one of videoId or channelId',
    path: ['videoId'],
  });
export const PushSettings = z.object({}).loose();

const base = (deps: ConnectorDeps, settings: { baseUrl?: string | undefined }): { baseUrl?: string } => {
  const b = deps.baseUrl ?? settings.baseUrl;
  return b ? { baseUrl: b } : {};
};

// Entries are heterogeneous (each create() takes its own parsed settings); createConnector parses before calling.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const connectorRegistry: { [K in SourceKind]: ConnectorEntry<any, any> } = {
  bluesky_jetstream: {
    platform: 'bluesky',
    push: false,
    settings: BlueskyJetstreamSettings,
    credentials: NoCredentials,
    create: (s: z.infer<typeof BlueskyJetstreamSettings>, _c, deps) =>
      new BlueskyJetstreamConnector({
        ...base(deps, s),
        ...(s.keywords ? { keywords: s.keywords } : {}),
        ...(s.wantedDids ? { wantedDids: s.wantedDids } : {}),
      }),
  },
  mastodon: {
    platform: 'mastodon',
    push: false,
    settings: MastodonSettings,
    credentials: MastodonCredentials,
    create: (s: z.infer<typeof MastodonSettings>, c: z.infer<typeof MastodonCredentials>, deps) =>
      new MastodonConnector({
        baseUrl: deps.baseUrl ?? s.baseUrl,
        accessToken: c.accessToken,
        ...(s.streamingBaseUrl && !deps.baseUrl ? { streamingBaseUrl: s.streamingBaseUrl } : {}),
        ...(s.hashtag ? { hashtag: s.hashtag } : {}),
        ...(s.local ? { local: true } : {}),
      }),
  },
  x_filtered_stream: {
    platform: 'x',
    push: false,
    settings: XStreamSettings,
    credentials: XStreamCredentials,
    create: (s: z.infer<typeof XStreamSettings>, c: z.infer<typeof XStreamCredentials>, deps) =>
      new XFilteredStreamConnector({
        bearerToken: c.bearerToken,
        ...base(deps, s),
        ...(s.rules
          ? { rules: s.rules }
          : deps.brandQueries
            ? { rules: xRulesForBrands(deps.brandQueries).rules }
            : {}),
        ...(s.gapFill != null ? { gapFill: s.gapFill } : {}),
        ...(deps.now ? { now: deps.now } : {}),
      }),
  },
  meta_webhook: {
    platform: 'facebook',
    push: true,
    settings: PushSettings,
    credentials: MetaWebhookCredentials,
  },
  reddit: {
    platform: 'reddit',
    push: false,
    settings: RedditSettings,
    credentials: RedditCredentials,
    create: (s: z.infer<typeof RedditSettings>, c: z.infer<typeof RedditCredentials>, deps) =>
      new RedditSearchConnector({
        query: s.query,
        ...base(deps, s),
        ...(s.subreddit ? { subreddit: s.subreddit } : {}),
        ...(c.accessToken ? { accessToken: c.accessToken } : {}),
        ...(s.userAgent ? { userAgent: s.userAgent } : {}),
        ...(s.intervalSeconds ? { intervalMs: s.intervalSeconds * 1000 } : {}),
      }),
  },
  youtube: {
    platform: 'youtube',
    push: false,
    settings: YouTubeSettings,
    credentials: YouTubeCredentials,
    create: (s: z.infer<typeof YouTubeSettings>, c: z.infer<typeof YouTubeCredentials>, deps) =>
      new YouTubeCommentsConnector({
        apiKey: c.apiKey,
        target: s.videoId ? { videoId: s.videoId } : { allThreadsRelatedToChannelId: s.channelId! },
        ...base(deps, s),
        ...(s.ownChannelId ? { ownChannelId: s.ownChannelId } : {}),
        ...(s.intervalSeconds ? { intervalMs: s.intervalSeconds * 1000 } : {}),
      }),
  },
  inbound_webhook: {
    platform: 'other',
    push: true,
    settings: PushSettings,
    credentials: InboundWebhookCredentials,
  },
  import: { platform: 'other', push: true, settings: PushSettings, credentials: NoCredentials },
  simulator: {
    platform: 'other',
    push: false,
    // The simulator validates its own settings (contracts SimulatorSettings) in its constructor.
    settings: z.record(z.string(), z.unknown()),
    credentials: NoCredentials,
    create: (s: Record<string, unknown>) => new SimulatorConnector(s),
  },
};

function parseOrThrow<T>(schema: ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length > 0 ? `${what}.${issue.path.map(String).join('.')}` : what;
  // Never echo credential values: the message names the field only.
  throw new InvalidError(`${field}: ${issue.message}`, {
    field,
    issues: [{ path: field, message: issue.message }],
  });
}

/** Validates the settings of a source kind (throws InvalidError naming the field). */
export function validateSourceSettings(kind: SourceKind, settings: unknown): Record<string, unknown> {
  return parseOrThrow(connectorRegistry[kind].settings, settings, 'settings') as Record<string, unknown>;
}

/** Validates the credentials of a source kind (throws InvalidError naming the field, never the value). */
export function validateSourceCredentials(kind: SourceKind, credentials: unknown): Record<string, unknown> {
  return parseOrThrow(connectorRegistry[kind].credentials, credentials, 'credentials') as Record<
    string,
    unknown
  >;
}

/** Validates settings and credentials of a source kind (throws InvalidError naming the field). */
export function validateSourceConfig(
  kind: SourceKind,
  settings: unknown,
  credentials: unknown,
): { settings: Record<string, unknown>; credentials: Record<string, unknown> } {
  return {
    settings: validateSourceSettings(kind, settings),
    credentials: validateSourceCredentials(kind, credentials),
  };
}

/** The pull connector for a source, or null for push kinds (webhooks, import). */
export function createConnector(
  kind: SourceKind,
  settings: Record<string, unknown>,
  credentials: Record<string, string>,
  deps: ConnectorDeps = {},
): PullConnector | null {
  const entry = connectorRegistry[kind];
  if (entry.push || !entry.create) return null;
  const valid = validateSourceConfig(kind, settings, credentials);
  return entry.create(valid.settings, valid.credentials, deps);
}
