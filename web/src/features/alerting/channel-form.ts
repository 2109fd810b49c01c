// The notification-channel form as plain values, and the conversions between it and the API: which settings
// and secrets each kind has, what a create or an update sends (secrets are write-only: an empty field keeps
// the stored value, a removal sends ""), and where a server message about one field belongs. Pure.
import {
  type CreateNotificationChannelInput,
  channelSecretNames,
  type NotificationChannel,
  type NotificationChannelKind,
  type QuietHours,
  type UpdateNotificationChannelInput,
} from '@contracts';

export const channelKindLabels: Record<NotificationChannelKind, string> = {
  slack: 'Slack',
  teams: 'Microsoft Teams',
  email: 'Email',
  webhook: 'Webhook',
};

export type SecretName = (typeof channelSecretNames)[NotificationChannelKind][number];

export interface SecretField {
  name: SecretName;
  label: string;
  description: string;
  placeholder: string;
}

/** The secrets a person types for each kind, with what each is for. */
export const secretFields: Record<NotificationChannelKind, readonly SecretField[]> = {
  slack: [
    {
      name: 'webhookUrl',
      label: 'Incoming webhook URL',
      description: 'From the Slack app’s Incoming Webhooks page; posts to the channel chosen there.',
      placeholder: 'https://hooks.slack.com/services/…',
    },
    {
      name: 'botToken',
      label: 'Bot token',
      description: 'Instead of a webhook: a bot token with chat:write, and the channel id below.',
      placeholder: 'xoxb-…',
    },
    {
      name: 'signingSecret',
      label: 'Signing secret',
      description:
        'From the Slack app’s Basic Information page; needed for the Acknowledge and Declare-crisis buttons.',
      placeholder: 'Slack signing secret',
    },
  ],
  teams: [
    {
      name: 'webhookUrl',
      label: 'Workflows webhook URL',
      description: 'The URL of a Teams workflow “When a Teams webhook request is received”.',
      placeholder: 'https://…/workflows/…/triggers/manual/paths/invoke?…',
    },
  ],
  email: [
    {
      name: 'password',
      label: 'SMTP password',
      description: 'Used with the user name above.',
      placeholder: 'Password',
    },
  ],
  webhook: [
    {
      name: 'url',
      label: 'Receiver URL',
      description: 'Firebreak POSTs each alert as JSON, signed per Standard Webhooks.',
      placeholder: 'https://example.com/firebreak-alerts',
    },
    {
      name: 'signingSecret',
      label: 'Signing secret',
      description: 'whsec_ followed by base64 of at least 24 random bytes; the receiver verifies with it.',
      placeholder: 'whsec_…',
    },
  ],
};

export interface ChannelFormValues {
  kind: NotificationChannelKind;
  name: string;
  enabled: boolean;
  /** Slack: channel id, used with a bot token. */
  slackChannel: string;
  /** Email (SMTP). */
  host: string;
  port: number;
  secure: boolean;
  username: string;
  from: string;
  /** Recipients, separated by commas, semicolons or new lines. */
  to: string;
  quietHours: boolean;
  quietStart: string;
  quietEnd: string;
  quietTimeZone: string;
  /** Typed secret values; empty means "not typed" (on edit: keep what is stored). */
  secrets: Partial<Record<SecretName, string>>;
  /** Stored secrets to remove (edit only). */
  removeSecrets: SecretName[];
}

export function emptyChannelForm(
  kind: NotificationChannelKind = 'slack',
  timeZone = 'UTC',
): ChannelFormValues {
  return {
    kind,
    name: '',
    enabled: true,
    slackChannel: '',
    host: '',
    port: 587,
    secure: false,
    username: '',
    from: '',
    to: '',
    quietHours: false,
    quietStart: '22:00',
    quietEnd: '07:00',
    quietTimeZone: timeZone,
    secrets: {},
    removeSecrets: [],
  };
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The form for editing a stored channel (secret fields start empty: they are never sent back). */
export function formFromChannel(channel: NotificationChannel): ChannelFormValues {
  const s = channel.settings;
  const quiet = s.quietHours as QuietHours | undefined;
  const base = emptyChannelForm(channel.kind);
  return {
    ...base,
    name: channel.name,
    enabled: channel.enabled,
    slackChannel: str(s.channel),
    host: str(s.host),
    port: typeof s.port === 'number' ? s.port : base.port,
    secure: s.secure === true,
    username: str(s.username),
    from: str(s.from),
    to: Array.isArray(s.to) ? (s.to as unknown[]).map(str).join(', ') : '',
    quietHours: quiet !== undefined,
    quietStart: quiet?.start ?? base.quietStart,
    quietEnd: quiet?.end ?? base.quietEnd,
    quietTimeZone: quiet?.timeZone ?? base.quietTimeZone,
  };
}

/** "a@x.org, b@y.org\nc@z.org" → trimmed, without repeats (case-insensitive), in order. */
export function parseRecipients(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const address = part.trim();
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    out.push(address);
  }
  return out;
}

/** The non-secret settings the API expects for the form's kind. */
export function settingsFromForm(values: ChannelFormValues): Record<string, unknown> {
  const quietHours = values.quietHours
    ? {
        quietHours: {
          start: values.quietStart,
          end: values.quietEnd,
          timeZone: values.quietTimeZone.trim() || 'UTC',
        },
      }
    : {};
  switch (values.kind) {
    case 'slack':
      return {
        ...(values.slackChannel.trim() ? { channel: values.slackChannel.trim() } : {}),
        ...quietHours,
      };
    case 'email':
      return {
        host: values.host.trim(),
        port: values.port,
        secure: values.secure,
        ...(values.username.trim() ? { username: values.username.trim() } : {}),
        from: values.from.trim(),
        to: parseRecipients(values.to),
        ...quietHours,
      };
    case 'teams':
    case 'webhook':
      return { ...quietHours };
  }
}

function typedSecrets(values: ChannelFormValues): Record<string, string> {
  const allowed = channelSecretNames[values.kind] as readonly string[];
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values.secrets)) {
    if (allowed.includes(name) && value && value.trim()) out[name] = value.trim();
  }
  return out;
}

export function createInputFromForm(values: ChannelFormValues): CreateNotificationChannelInput {
  return {
    kind: values.kind,
    name: values.name.trim(),
    enabled: values.enabled,
    settings: settingsFromForm(values),
    secrets: typedSecrets(values),
  };
}

/**
 * What an edit sends: name, enabled and settings always; `secrets` only with what changed (a typed value
 * replaces, a removal sends ""), so untouched secrets stay as stored.
 */
export function updateInputFromForm(values: ChannelFormValues): UpdateNotificationChannelInput {
  const secrets: Record<string, string> = typedSecrets(values);
  for (const name of values.removeSecrets) if (!(name in secrets)) secrets[name] = '';
  return {
    name: values.name.trim(),
    enabled: values.enabled,
    settings: settingsFromForm(values),
    ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
  };
}

/** Problems to fix before sending, by form field (the server checks the rest). */
export function checkChannelForm(
  values: ChannelFormValues,
  storedSecrets: readonly string[] = [],
): Partial<Record<string, string>> {
  const errors: Partial<Record<string, string>> = {};
  if (!values.name.trim()) errors.name = 'Give the channel a name';
  const has = (name: SecretName) =>
    Boolean(values.secrets[name]?.trim()) ||
    (storedSecrets.includes(name) && !values.removeSecrets.includes(name));
  if (values.kind === 'email') {
    if (!values.host.trim()) errors.host = 'The SMTP server is required';
    if (!values.from.trim()) errors.from = 'The sender address is required';
    if (parseRecipients(values.to).length === 0) errors.to = 'Add at least one recipient';
  }
  if (values.kind === 'slack' && !has('webhookUrl') && !(has('botToken') && values.slackChannel.trim())) {
    errors['secrets.webhookUrl'] = 'An incoming webhook URL, or a bot token and a channel id, is required';
  }
  if (values.kind === 'teams' && !has('webhookUrl')) {
    errors['secrets.webhookUrl'] = 'The Workflows webhook URL is required';
  }
  if (values.kind === 'webhook') {
    if (!has('url')) errors['secrets.url'] = 'The receiver URL is required';
    if (!has('signingSecret')) errors['secrets.signingSecret'] = 'A signing secret is required';
  }
  if (values.quietHours) {
    const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
    if (!hhmm.test(values.quietStart)) errors.quietStart = 'HH:MM';
    if (!hhmm.test(values.quietEnd)) errors.quietEnd = 'HH:MM';
  }
  return errors;
}

/**
 * Where a server message about one field belongs: "settings.host: Required" → field `host`;
 * "secrets.url: not an http(s) URL" → field `secrets.url`. Null when it names no field of the form.
 */
export function fieldOfServerMessage(message: string): { field: string; message: string } | null {
  const match = /^(settings|secrets)\.([A-Za-z]+)(?:\.([A-Za-z]+))?:\s*(.+)$/s.exec(message);
  if (!match) return null;
  const [, scope, name, sub, text] = match;
  if (scope === 'secrets') return { field: `secrets.${name}`, message: text! };
  if (name === 'quietHours') {
    const field = sub === 'start' ? 'quietStart' : sub === 'end' ? 'quietEnd' : 'quietTimeZone';
    return { field, message: text! };
  }
  if (name === 'channel') return { field: 'slackChannel', message: text! };
  return { field: name!, message: text! };
}

/** One line saying where a channel's alerts go, without a secret. */
export function channelDestination(channel: NotificationChannel): string {
  const s = channel.settings;
  switch (channel.kind) {
    case 'slack':
      return typeof s.channel === 'string' && channel.secretKeys.includes('botToken')
        ? `Slack channel ${s.channel} (bot)`
        : 'Slack incoming webhook';
    case 'teams':
      return 'Teams Workflows webhook';
    case 'email': {
      const to = Array.isArray(s.to) ? (s.to as string[]) : [];
      const shown = to.slice(0, 2).join(', ') + (to.length > 2 ? ` and ${to.length - 2} more` : '');
      return `Email to ${shown || 'nobody'} via ${str(s.host)}:${typeof s.port === 'number' ? s.port : 587}`;
    }
    case 'webhook':
      return 'Signed webhook (Standard Webhooks)';
  }
}

/** A fresh Standard Webhooks secret: whsec_ + base64 of 32 random bytes. */
export function generateWebhookSecret(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(32));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `whsec_${btoa(binary)}`;
}
