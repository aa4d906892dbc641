import type { EndOfLifeGroupBody } from '../../../src/schemas/route-schemas.js';

/** Disjoint end-of-life buckets of a group, in months from now: what a stacked bar draws. */
export interface EndOfLifeBuckets {
  readonly past: number;
  readonly upTo6: number;
  readonly from6To12: number;
  readonly from12To24: number;
  readonly later: number;
}

/** Labels of {@link EndOfLifeBuckets}, in its order. */
export const END_OF_LIFE_BUCKET_LABELS: Readonly<Record<keyof EndOfLifeBuckets, string>> = {
  past: 'Past end of life',
  upTo6: 'Within 6 months',
  from6To12: 'In 6–12 months',
  from12To24: 'In 12–24 months',
  later: 'Later than 24 months',
};

/**
 * Splits a group of GET /fleet/end-of-life into disjoint buckets. The API's horizon counts are cumulative and
 * include machines already past their end of life (they need replacing within any horizon), so each bucket is the
 * difference of two of them: past + upTo6 + from6To12 + from12To24 + later = assets.
 */
export function endOfLifeBuckets(group: EndOfLifeGroupBody): EndOfLifeBuckets {
  return {
    past: group.pastEndOfLife,
    upTo6: group.within6Months - group.pastEndOfLife,
    from6To12: group.within12Months - group.within6Months,
    from12To24: group.within24Months - group.within12Months,
    later: group.assets - group.within24Months,
  };
}
