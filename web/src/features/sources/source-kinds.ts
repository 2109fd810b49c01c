// What the Sources page knows about each kind of source: its name, a line on what it does, and the fields its
// connect form asks for (settings or write-only credentials). Pure: the form turns its text values into the API's
// CreateSourceInput here, and server refusals (`issues[].path` like `settings.baseUrl`) map back to fields here.
import type { CreateSourceInput, SourceKind, SourceStatus } from '@contracts';

export const sourceKindLabels: Record<SourceKind, string> = {
  bluesky_jetstream: 'Bluesky (Jetstream)',
  mastodon: 'Mastodon',
  x_filtered_stream: 'X filtered stream',
  meta_webhook: 'Facebook & Instagram (Meta webhooks)',
  reddit: 'Reddit search',
  youtube: 'YouTube comments',
  inbound_webhook: 'Inbound webhook',
  import: 'File import',
  simulator: 'Simulator',
};

export const sourceStatusLabels: Record<SourceStatus, { label: string; color: string }> = {
  active: { label: 'Active', color: 'teal' },
  connecting: { label: 'Connecting', color: 'blue' },
  paused: { label: 'Paused', color: 'gray' },
  error: { label: 'Error', color: 'red' },
};

export type FieldType = 'text' | 'secret' | 'number' | 'list' | 'brand' | 'select';

export interface SourceField {
  key: string;
  /** Settings are shown back on the page; credentials are write-only (sealed, never returned). */
  in: 'settings' | 'credentials';
  label: string;
  type: FieldType;
  required?: boolean;
  description?: string;
  placeholder?: string;
  defaultValue?: string;
  options?: { value: string; label: string }[];
}

export interface SourceKindSpec {
  description: string;
  fields: SourceField[];
}

/** The kinds a person connects from the page (file imports come from `firebreak import`). */
export const connectableKinds = [
  'simulator',
  'bluesky_jetstream',
  'mastodon',
  'x_filtered_stream',
  'reddit',
  'youtube',
  'meta_webhook',
  'inbound_webhook',
] as const satisfies readonly SourceKind[];
export type ConnectableKind = (typeof connectableKinds)[number];

const brandField = (required: boolean): SourceField => ({
  key: 'brandId',
  in: 'settings',
  label: 'Brand',
  type: 'brand',
  required,
  description: required
    ? 'The brand the generated traffic is about.'
    : 'Optional: attribute every mention from this source to this brand, whatever its query says.',
});

export const sourceKindSpecs: Record<ConnectableKind, SourceKindSpec> = {
  simulator: {
    description:
      'Generated traffic for one brand, with daily rhythm and an optional crisis: for demos and drills.',
    fields: [
      brandField(true),
      {
        key: 'ratePerMinute',
        in: 'settings',
        label: 'Mentions per minute',
        type: 'number',
        defaultValue: '20',
      },
      {
        key: 'crisis',
        in: 'settings',
        label: 'Crisis',
        type: 'select',
        defaultValue: 'none',
        options: [
          { value: 'none', label: 'None' },
          { value: 'instant_blow_up', label: 'Instant blow-up' },
          { value: 'dormant_then_viral', label: 'Dormant, then viral' },
          { value: 'influencer_waves', label: 'Influencer waves' },
        ],
      },
      {
        key: 'speed',
        in: 'settings',
        label: 'Speed',
        type: 'number',
        defaultValue: '1',
        description: 'Simulated minutes per real minute.',
      },
    ],
  },
  bluesky_jetstream: {
    description:
      "Bluesky's public firehose through Jetstream, matched against your brand queries. No credentials.",
    fields: [
      {
        key: 'keywords',
        in: 'settings',
        label: 'Keywords',
        type: 'list',
        description: 'Optional, comma-separated: only posts containing one of them are read.',
      },
    ],
  },
  mastodon: {
    description: 'A hashtag or the public stream of a Mastodon instance, with backfill after a disconnect.',
    fields: [
      {
        key: 'baseUrl',
        in: 'settings',
        label: 'Instance URL',
        type: 'text',
        required: true,
        placeholder: 'https://mastodon.social',
      },
      {
        key: 'hashtag',
        in: 'settings',
        label: 'Hashtag',
        type: 'text',
        description: 'Without the #; leave empty for the public stream.',
      },
      {
        key: 'accessToken',
        in: 'credentials',
        label: 'Access token',
        type: 'secret',
        required: true,
        description: 'A user token with read:statuses.',
      },
    ],
  },
  x_filtered_stream: {
    description: "X API v2 filtered stream. Its rules follow your brands' queries and are kept in sync.",
    fields: [
      {
        key: 'bearerToken',
        in: 'credentials',
        label: 'Bearer token',
        type: 'secret',
        required: true,
        description: 'The app-only bearer token of your X project.',
      },
    ],
  },
  reddit: {
    description: 'Reddit search, polled within its rate limits.',
    fields: [
      { key: 'query', in: 'settings', label: 'Search query', type: 'text', required: true },
      {
        key: 'subreddit',
        in: 'settings',
        label: 'Subreddit',
        type: 'text',
        description: 'Optional: search only this subreddit (without r/).',
      },
      {
        key: 'intervalSeconds',
        in: 'settings',
        label: 'Poll every (seconds)',
        type: 'number',
        placeholder: '60',
      },
      {
        key: 'accessToken',
        in: 'credentials',
        label: 'OAuth token',
        type: 'secret',
        description: 'Optional; without it the unauthenticated limits apply.',
      },
    ],
  },
  youtube: {
    description: 'Comment threads of one video or of a whole channel, polled.',
    fields: [
      {
        key: 'videoId',
        in: 'settings',
        label: 'Video id',
        type: 'text',
        description: 'Give a video or a channel.',
      },
      { key: 'channelId', in: 'settings', label: 'Channel id', type: 'text' },
      {
        key: 'ownChannelId',
        in: 'settings',
        label: 'Your channel id',
        type: 'text',
        description: "Optional: marks your own replies as the brand's.",
      },
      { key: 'apiKey', in: 'credentials', label: 'API key', type: 'secret', required: true },
    ],
  },
  meta_webhook: {
    description: 'Facebook Page and Instagram comments and mentions, pushed by Meta webhooks.',
    fields: [
      brandField(false),
      { key: 'appSecret', in: 'credentials', label: 'App secret', type: 'secret', required: true },
      {
        key: 'verifyToken',
        in: 'credentials',
        label: 'Verify token',
        type: 'secret',
        required: true,
        description: 'Any string; enter the same one in the Meta app dashboard.',
      },
    ],
  },
  inbound_webhook: {
    description:
      'Any tool that can POST mentions, signed per Standard Webhooks. Firebreak generates the signing secret.',
    fields: [brandField(false)],
  },
};

export function isConnectable(kind: SourceKind): kind is ConnectableKind {
  return (connectableKinds as readonly string[]).includes(kind);
}

/** Initial text values of a kind's fields. */
export function initialValues(kind: ConnectableKind): Record<string, string> {
  return Object.fromEntries(sourceKindSpecs[kind].fields.map((f) => [f.key, f.defaultValue ?? '']));
}

/**
 * The form's text values as the API's input, or the fields to fix (required and empty, not a number).
 * Empty optional fields are left out, lists are split on commas.
 */
export function buildSourceInput(
  kind: ConnectableKind,
  name: string,
  values: Readonly<Record<string, string>>,
): { input: CreateSourceInput } | { errors: Record<string, string> } {
  const settings: Record<string, unknown> = {};
  const credentials: Record<string, string> = {};
  const errors: Record<string, string> = {};
  if (name.trim() === '') errors.name = 'Give the source a name';
  for (const field of sourceKindSpecs[kind].fields) {
    const raw = values[field.key] ?? '';
    const text = field.type === 'secret' ? raw : raw.trim();
    if (text === '') {
      if (field.required) errors[field.key] = `${field.label} is required`;
      continue;
    }
    if (field.in === 'credentials') {
      credentials[field.key] = text;
      continue;
    }
    if (field.type === 'number') {
      const n = Number(text);
      if (!Number.isFinite(n)) errors[field.key] = `${field.label} must be a number`;
      else settings[field.key] = n;
    } else if (field.type === 'list') {
      const items = text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (items.length > 0) settings[field.key] = items;
    } else if (field.key === 'hashtag') {
      settings[field.key] = text.replace(/^#/, '');
    } else {
      settings[field.key] = text;
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      kind,
      name: name.trim(),
      settings,
      ...(Object.keys(credentials).length > 0 ? { credentials } : {}),
    },
  };
}

/** The form field a server issue belongs to (`settings.baseUrl` → `baseUrl`, `name` → `name`), or 'form'. */
export function fieldOfIssue(kind: ConnectableKind, path: string): string {
  if (path === 'name') return 'name';
  const [where, key] = path.split('.');
  const field = sourceKindSpecs[kind].fields.find((f) => f.in === where && f.key === key);
  return field ? field.key : 'form';
}

/** "850 ms", "4.2 s", "12 min", "3 h", "2 d"; an em dash when unknown. */
export function formatLag(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 48 * 3_600_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}

/** Where a push source receives deliveries (null for pull sources). */
export function webhookUrl(origin: string, kind: SourceKind, id: string): string | null {
  if (kind === 'inbound_webhook') return `${origin}/api/webhooks/inbound/${id}`;
  if (kind === 'meta_webhook') return `${origin}/api/webhooks/meta/${id}`;
  return null;
}
