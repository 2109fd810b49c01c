import { z } from 'zod';
import { IncomingMention } from './mention';

/** Kinds of source a workspace can connect; each has a connector in server/src/connectors/. */
export const sourceKinds = [
  'bluesky_jetstream',
  'mastodon',
  'x_filtered_stream',
  'meta_webhook',
  'reddit',
  'youtube',
  'inbound_webhook',
  'import',
  'simulator',
] as const;
export const SourceKind = z.enum(sourceKinds);
export type SourceKind = z.infer<typeof SourceKind>;

export const sourceStatuses = ['active', 'paused', 'error', 'connecting'] as const;
export const SourceStatus = z.enum(sourceStatuses);
export type SourceStatus = z.infer<typeof SourceStatus>;

const SourceSettings = z.record(z.string(), z.unknown());
/** Credential values by name (tokens, secrets); write-only: the API only ever says which names are set. */
const SourceCredentials = z.record(z.string().min(1).max(100), z.string().max(10_000));

/** A source as the API shows it: never its credentials, only which credential keys are set. */
export const Source = z.object({
  id: z.uuid(),
  kind: SourceKind,
  name: z.string(),
  status: SourceStatus,
  settings: SourceSettings,
  credentialKeys: z.array(z.string()),
  cursor: z.string().nullable(),
  lastEventAt: z.iso.datetime().nullable(),
  lagMs: z.number().int().nullable(),
  counters: z.object({
    received: z.number().int(),
    accepted: z.number().int(),
    duplicates: z.number().int(),
    skipped: z.number().int(),
  }),
  recentErrors: z.array(z.object({ at: z.string(), message: z.string() })),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Source = z.infer<typeof Source>;

/**
 * A source as its creation or change answers it: for an inbound webhook whose signing secret Firebreak generated
 * (none was given), `signingSecret` shows it this once; it is never returned again.
 */
export const SavedSource = Source.extend({ signingSecret: z.string().optional() });
export type SavedSource = z.infer<typeof SavedSource>;

export const CreateSourceInput = z.object({
  kind: SourceKind,
  name: z.string().trim().min(1).max(120),
  settings: SourceSettings.default({}),
  credentials: SourceCredentials.optional(),
});
export type CreateSourceInput = z.input<typeof CreateSourceInput>;

/** Pause (`status: 'paused'`) or resume (`status: 'active'`), rename, change settings, replace credentials. */
export const UpdateSourceInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    status: z.enum(['active', 'paused']),
    settings: SourceSettings,
    credentials: SourceCredentials,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateSourceInput = z.infer<typeof UpdateSourceInput>;

/** Settings of the simulator source (server/src/connectors/simulator/). */
export const simulatorCrisisShapes = [
  'none',
  'instant_blow_up',
  'dormant_then_viral',
  'influencer_waves',
] as const;
export const SimulatorSettings = z.object({
  brandId: z.uuid(),
  /** What the simulated posts call the brand (filled from the brand's keywords and name when the source is created). */
  keywords: z.array(z.string().min(1).max(200)).max(50).default([]),
  brandName: z.string().max(200).optional(),
  /** Mean mentions per minute at an ordinary hour. */
  ratePerMinute: z.number().min(0).max(100_000).default(20),
  crisis: z.enum(simulatorCrisisShapes).default('none'),
  /** Minutes after the start of the simulation when the crisis begins. */
  crisisStartMinutes: z.number().min(0).default(60),
  seed: z.number().int().default(1),
  /** Simulated minutes per real minute (1 = real time; 60 = an hour a minute). */
  speed: z.number().min(0.01).max(100_000).default(1),
  /** Where the simulated clock starts (ISO); default: when the source is created. */
  startAt: z.iso.datetime({ offset: true }).optional(),
  /** Set on the source "Start a demo" created. */
  demo: z.boolean().default(false),
});
export type SimulatorSettings = z.infer<typeof SimulatorSettings>;

/** Most mentions one import request may carry. */
export const importBatchMax = 2_000;

/**
 * One batch of a file import sent to a running server (`firebreak import --server`): mentions already validated
 * by the CLI, attributed to `brandId` (and to any other brand whose query matches), with their raw lines.
 */
export const ImportBatchInput = z
  .object({
    brandId: z.uuid(),
    mentions: z.array(IncomingMention).min(1).max(importBatchMax),
    /** The raw evidence of each mention (the parsed line), index for index. */
    raw: z.array(z.unknown()).max(importBatchMax).optional(),
  })
  .refine((b) => b.raw === undefined || b.raw.length === b.mentions.length, {
    message: 'raw must have one entry per mention',
    path: ['raw'],
  });
export type ImportBatchInput = z.infer<typeof ImportBatchInput>;

/** What happened to a batch, once committed. */
export const ImportBatchResult = z.object({
  received: z.number().int(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  unmatched: z.number().int(),
});
export type ImportBatchResult = z.infer<typeof ImportBatchResult>;
