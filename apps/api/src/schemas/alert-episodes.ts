import {
  EPISODE_BANDS,
  EPISODE_ID_PATTERN,
  EPISODE_SCORE_KINDS,
  MULTI_LINE_TEXT_PATTERN,
  SINGLE_LINE_TEXT_PATTERN,
  type EpisodeBand,
  type EpisodeScoreKind,
} from '@lakehouse/domain';
import { Type, type Static } from '@sinclair/typebox';
import {
  AssetIdSchema,
  Cursor,
  SiteOrLineId,
  nullableInteger,
  nullableNumber,
  nullableString,
} from './common.js';

const EPISODE_STATES = ['open', 'resolved', 'all'] as const;

export const EpisodeListQuerySchema = Type.Object(
  {
    state: Type.Union(
      EPISODE_STATES.map((s) => Type.Literal(s)),
      { default: 'open' },
    ),
    band: Type.Optional(
      Type.Union(
        EPISODE_BANDS.map((b) => Type.Literal(b)),
        { description: 'Only episodes of this band' },
      ),
    ),
    assetId: Type.Optional(AssetIdSchema),
    siteId: Type.Optional(SiteOrLineId),
    needsAttention: Type.Optional(
      Type.Boolean({ description: 'Only open episodes nobody acknowledged and that are not snoozed' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type EpisodeListQuery = Static<typeof EpisodeListQuerySchema>;

/** Delivery state of one notification of an episode (the outbox row). */
export const EpisodeNotificationSchema = Type.Object({
  event: Type.Unsafe<'open' | 'escalate'>({ type: 'string', enum: ['open', 'escalate'] }),
  dedupKey: Type.String({ description: 'Sent with every attempt; receivers drop repeats by it' }),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Integer({ description: 'Epoch ms UTC' }),
  lastAttemptAt: nullableInteger(),
  deliveredAt: nullableInteger(),
  deliveredVia: nullableString({ description: 'webhook or ons' }),
  lastError: nullableString({ description: 'Why the latest failed attempt failed' }),
});
export type EpisodeNotification = Static<typeof EpisodeNotificationSchema>;

/** What an episode's thresholds were applied to (ADR 0050). */
export const ScoreKindSchema = Type.Unsafe<EpisodeScoreKind>({
  type: 'string',
  enum: [...EPISODE_SCORE_KINDS],
  description:
    "reading: the per-reading failure probability; horizon: the risk of a failure within the horizon model's horizon",
});

/**
 * The episode's forecast (issue #18, ADR 0050), shared by the episodes and the fleet warnings: what the thresholds
 * were applied to, when the failure is expected and how far that lies after the latest high reading.
 */
export const EpisodeForecastProperties = {
  scoreKind: ScoreKindSchema,
  expectedFailureAt: nullableInteger({
    description:
      'Expected failure time at the latest high reading, epoch ms UTC; null without a horizon estimate (reading episodes, or risks that give none)',
  }),
  minutesToFailure: nullableNumber({
    description:
      'expectedFailureAt - lastHighAt in minutes of wall-clock time; null when expectedFailureAt is',
  }),
};

/**
 * An alert episode: one per asset and period of sustained risk (ADR 0041), opened, escalated and resolved by the
 * ingest function's fold; acknowledged, assigned, snoozed or resolved by hand through this API.
 */
export const EpisodeSchema = Type.Object({
  episodeId: Type.String({ description: '<assetId>~<openedAt epoch ms>' }),
  assetId: Type.String(),
  assetType: nullableString(),
  siteId: nullableString(),
  lineId: nullableString(),
  state: Type.Unsafe<'open' | 'resolved'>({ type: 'string', enum: ['open', 'resolved'] }),
  band: Type.Unsafe<EpisodeBand>({
    type: 'string',
    enum: [...EPISODE_BANDS],
    description: 'Highest band held: elevated (>= 0.6) or high (>= 0.9)',
  }),
  openedAt: Type.Integer({ description: 'Reading time the hold was met, epoch ms UTC' }),
  firstHighAt: Type.Integer(),
  lastHighAt: Type.Integer(),
  escalatedAt: nullableInteger(),
  peakProbability: Type.Number(),
  peakAt: Type.Integer(),
  peakModelId: nullableInteger(),
  peakModes: Type.Array(Type.String(), { description: 'Failure modes the peak points to' }),
  peakExplanation: Type.Unknown({ description: 'Contributions behind the peak prediction, or null' }),
  ...EpisodeForecastProperties,
  resolvedAt: nullableInteger(),
  resolvedBy: nullableString({ description: 'Who resolved it by hand; null when the risk fell' }),
  acknowledgedAt: nullableInteger(),
  acknowledgedBy: nullableString(),
  assignedTo: nullableString(),
  snoozedUntil: nullableInteger(),
  isSnoozed: Type.Boolean(),
  note: nullableString(),
  notifications: Type.Array(EpisodeNotificationSchema),
});
export type Episode = Static<typeof EpisodeSchema>;

export const EpisodeListSchema = Type.Object({
  items: Type.Array(EpisodeSchema),
  nextCursor: nullableString(),
});
export type EpisodeList = Static<typeof EpisodeListSchema>;

export const EpisodeSummarySchema = Type.Object({
  asOf: Type.Integer(),
  open: Type.Integer({ description: 'Open episodes (at most one per asset)' }),
  openHigh: Type.Integer(),
  needsAttention: Type.Integer({ description: 'Open, not acknowledged, not snoozed' }),
  openedLastMinute: Type.Integer(),
  resolvedLastMinute: Type.Integer(),
  pendingNotifications: Type.Integer({ description: 'Not delivered yet' }),
  failingNotifications: Type.Integer({ description: 'Not delivered, with at least one failed attempt' }),
});
export type EpisodeSummary = Static<typeof EpisodeSummarySchema>;

export const EpisodeParamsSchema = Type.Object(
  { episodeId: Type.String({ pattern: EPISODE_ID_PATTERN, description: '<assetId>~<openedAt epoch ms>' }) },
  { additionalProperties: false },
);
/** Notes are shown on the dashboard and in notifications: tab and newline, no other control characters (ADR 0049). */
const Note = Type.String({ maxLength: 512, pattern: MULTI_LINE_TEXT_PATTERN });
export const EpisodeNoteBodySchema = Type.Union([
  Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false }),
  Type.Null(),
]);
export type EpisodeNoteBody = Static<typeof EpisodeNoteBodySchema>;
export const EpisodeAssignBodySchema = Type.Object(
  {
    assignedTo: Type.String({ minLength: 1, maxLength: 128, pattern: SINGLE_LINE_TEXT_PATTERN }),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export const EpisodeSnoozeBodySchema = Type.Object(
  {
    until: Type.Integer({
      minimum: 946_684_800_000,
      maximum: 4_102_444_800_000,
      description: 'Epoch ms UTC; must lie in the future',
    }),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
