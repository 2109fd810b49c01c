// Renders one AlertMessage for each medium: Slack Block Kit, a Teams Adaptive Card 1.5 in the Workflows webhook
// envelope, email (subject, text, escaped HTML) and the outbound webhook's JSON body. Pure.
import type { AlertActionKind, AlertMessage, AlertSeverity } from '../../../../contracts';

/** `action_id`s of the Slack buttons; the interaction route maps them back to actions. */
export const slackActionIds: Record<AlertActionKind, string> = {
  acknowledge: 'firebreak_acknowledge',
  declare_crisis: 'firebreak_declare_crisis',
};

export function actionOfSlackId(actionId: string): AlertActionKind | undefined {
  return (Object.entries(slackActionIds) as [AlertActionKind, string][]).find(
    ([, id]) => id === actionId,
  )?.[0];
}

const severityLabel: Record<AlertSeverity, string> = {
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};

const actionLabel: Record<AlertActionKind, string> = {
  acknowledge: 'Acknowledge',
  declare_crisis: 'Declare crisis',
};

/** Cuts text to `max` characters (platform limits), marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function headline(m: AlertMessage): string {
  return `${severityLabel[m.severity]}: ${m.brand ? `${m.brand} · ` : ''}${m.title}`;
}

/** The app link for one action on one alert (Teams and email cannot call back: they open the app). */
export function actionUrl(m: AlertMessage, alertId: string, action: AlertActionKind): string {
  const url = new URL(m.url);
  url.searchParams.set('alert', alertId);
  url.searchParams.set('action', action);
  return url.toString();
}

// ---------- Slack ----------

/** Escapes the three characters Slack mrkdwn treats as control characters. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

/** Block Kit: header, summary section, fact fields, explanation, terms and posts as context, action buttons. */
export function renderSlack(m: AlertMessage, alertId: string): SlackMessage {
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(headline(m), 150), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(slackEscape(m.summary) || ' ', 3000) } },
  ];
  if (m.facts.length > 0) {
    blocks.push({
      type: 'section',
      fields: m.facts.slice(0, 10).map((f) => ({
        type: 'mrkdwn',
        text: clip(`*${slackEscape(f.label)}:*\n${slackEscape(f.value)}`, 2000),
      })),
    });
  }
  if (m.explanation.length > 0) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: clip(m.explanation.map((l) => `• ${slackEscape(l)}`).join('\n'), 3000) },
    });
  }
  for (const post of m.samplePosts) {
    const author = post.url ? `<${post.url}|${slackEscape(post.author)}>` : slackEscape(post.author);
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(`${author}\n>${slackEscape(post.text).replace(/\n/g, '\n>')}`, 3000),
      },
    });
  }
  const context: string[] = [`Severity: *${severityLabel[m.severity]}*`];
  if (m.brand) context.push(`Brand: *${slackEscape(m.brand)}*`);
  if (m.topTerms.length > 0) context.push(`Top terms: ${m.topTerms.map(slackEscape).join(', ')}`);
  blocks.push({
    type: 'context',
    elements: context.map((text) => ({ type: 'mrkdwn', text: clip(text, 3000) })),
  });
  const elements: Record<string, unknown>[] = m.actions.map((action) => ({
    type: 'button',
    action_id: slackActionIds[action],
    text: { type: 'plain_text', text: actionLabel[action] },
    value: alertId,
    ...(action === 'acknowledge' ? { style: 'primary' } : {}),
    ...(action === 'declare_crisis'
      ? {
          style: 'danger',
          confirm: {
            title: { type: 'plain_text', text: 'Declare a crisis?' },
            text: { type: 'mrkdwn', text: clip(`Opens a war room for “${slackEscape(m.title)}”.`, 300) },
            confirm: { type: 'plain_text', text: 'Declare' },
            deny: { type: 'plain_text', text: 'Cancel' },
          },
        }
      : {}),
  }));
  elements.push({
    type: 'button',
    action_id: 'firebreak_open',
    text: { type: 'plain_text', text: 'Open in Firebreak' },
    url: m.url,
  });
  blocks.push({ type: 'actions', block_id: `alert:${alertId}`, elements });
  return { text: clip(`${headline(m)} — ${m.summary}`, 3000), blocks };
}

// ---------- Microsoft Teams ----------

export interface TeamsEnvelope {
  type: 'message';
  attachments: {
    contentType: 'application/vnd.microsoft.card.adaptive';
    contentUrl: null;
    content: Record<string, unknown>;
  }[];
}

const teamsColor: Record<AlertSeverity, string> = {
  low: 'Default',
  medium: 'Warning',
  high: 'Attention',
  critical: 'Attention',
};

/** An Adaptive Card 1.5 in the Workflows webhook envelope; buttons are Action.OpenUrl into the app. */
export function renderTeams(m: AlertMessage, alertId: string): TeamsEnvelope {
  const body: Record<string, unknown>[] = [
    {
      type: 'TextBlock',
      size: 'Large',
      weight: 'Bolder',
      color: teamsColor[m.severity],
      wrap: true,
      text: headline(m),
    },
    { type: 'TextBlock', wrap: true, text: m.summary },
  ];
  const facts = [
    { title: 'Severity', value: severityLabel[m.severity] },
    ...(m.brand ? [{ title: 'Brand', value: m.brand }] : []),
    ...m.facts.map((f) => ({ title: f.label, value: f.value })),
    ...(m.topTerms.length > 0 ? [{ title: 'Top terms', value: m.topTerms.join(', ') }] : []),
  ];
  body.push({ type: 'FactSet', facts });
  for (const line of m.explanation) {
    body.push({ type: 'TextBlock', wrap: true, spacing: 'Small', text: `- ${line}` });
  }
  for (const post of m.samplePosts) {
    body.push({
      type: 'Container',
      style: 'emphasis',
      items: [
        { type: 'TextBlock', weight: 'Bolder', wrap: true, text: post.author },
        { type: 'TextBlock', wrap: true, isSubtle: true, text: post.text },
      ],
      ...(post.url ? { selectAction: { type: 'Action.OpenUrl', url: post.url } } : {}),
    });
  }
  const actions = [
    ...m.actions.map((action) => ({
      type: 'Action.OpenUrl',
      title: actionLabel[action],
      url: actionUrl(m, alertId, action),
    })),
    { type: 'Action.OpenUrl', title: 'Open in Firebreak', url: m.url },
  ];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.5',
          msteams: { width: 'Full' },
          body,
          actions,
        },
      },
    ],
  };
}

// ---------- email ----------

export function htmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

/** Subject with severity and brand; a plain-text body and a simple HTML body with every value escaped. */
export function renderEmail(m: AlertMessage, alertId: string): EmailMessage {
  const subject = clip(
    `[${severityLabel[m.severity]}] ${m.brand ? `${m.brand}: ` : ''}${m.title}`,
    200,
  ).replace(/[\r\n]+/g, ' ');
  const text: string[] = [headline(m), '', m.summary];
  if (m.facts.length > 0) text.push('', ...m.facts.map((f) => `${f.label}: ${f.value}`));
  if (m.explanation.length > 0) text.push('', ...m.explanation.map((l) => `- ${l}`));
  if (m.topTerms.length > 0) text.push('', `Top terms: ${m.topTerms.join(', ')}`);
  for (const p of m.samplePosts) text.push('', `${p.author}${p.url ? ` (${p.url})` : ''}:`, `  ${p.text}`);
  text.push('');
  for (const a of m.actions) text.push(`${actionLabel[a]}: ${actionUrl(m, alertId, a)}`);
  text.push(`Open in Firebreak: ${m.url}`);

  const h = htmlEscape;
  const html: string[] = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2>${h(headline(m))}</h2>`,
    `<p>${h(m.summary)}</p>`,
  ];
  if (m.facts.length > 0) {
    html.push(
      '<table>',
      ...m.facts.map((f) => `<tr><th align="left">${h(f.label)}</th><td>${h(f.value)}</td></tr>`),
      '</table>',
    );
  }
  if (m.explanation.length > 0) html.push('<ul>', ...m.explanation.map((l) => `<li>${h(l)}</li>`), '</ul>');
  if (m.topTerms.length > 0) html.push(`<p><strong>Top terms:</strong> ${h(m.topTerms.join(', '))}</p>`);
  for (const p of m.samplePosts) {
    const author = p.url ? `<a href="${h(p.url)}">${h(p.author)}</a>` : h(p.author);
    html.push(`<blockquote><strong>${author}</strong><br>${h(p.text)}</blockquote>`);
  }
  html.push(
    '<p>',
    ...m.actions.map((a) => `<a href="${h(actionUrl(m, alertId, a))}">${h(actionLabel[a])}</a> · `),
    `<a href="${h(m.url)}">Open in Firebreak</a></p>`,
    '</body></html>',
  );
  return { subject, text: text.join('\n'), html: html.join('\n') };
}

// ---------- outbound webhook ----------

export interface WebhookBody {
  type: 'alert.created' | 'alert.test';
  timestamp: string;
  data: { alertId: string } & AlertMessage;
}

/** The Standard Webhooks body: `{ type, timestamp, data }`. */
export function renderWebhook(m: AlertMessage, alertId: string, at: Date, test = false): WebhookBody {
  return {
    type: test ? 'alert.test' : 'alert.created',
    timestamp: at.toISOString(),
    data: { alertId, ...m },
  };
}

// ---------- digest ----------

/** One message standing for many alerts that opened at once (flood control). */
export function digestMessage(items: readonly AlertMessage[], url: string): AlertMessage {
  const order: AlertSeverity[] = ['low', 'medium', 'high', 'critical'];
  const severity = items.reduce<AlertSeverity>(
    (worst, m) => (order.indexOf(m.severity) > order.indexOf(worst) ? m.severity : worst),
    'low',
  );
  const brands = [...new Set(items.map((m) => m.brand).filter((b): b is string => b !== null))];
  return {
    title: `${items.length} new alerts`,
    severity,
    brand: brands.length === 1 ? brands[0]! : null,
    summary: `${items.length} alerts opened within a few minutes; they are listed here in one message.`,
    explanation: items
      .slice(0, 20)
      .map((m) => `[${severityLabel[m.severity]}] ${m.brand ? `${m.brand}: ` : ''}${m.title}`),
    facts: [],
    topTerms: [],
    samplePosts: [],
    url,
    actions: [],
  };
}
