import { ASSET_TYPES, type AssetType } from './reading.js';
import { createSeededRandom, deriveSeed } from './seeded-random.js';

/** Share of each product variant among assets, as in the published AI4I data (L 60 %, M 30 %, H 10 %). */
export const ASSET_TYPE_MIX: Readonly<Record<AssetType, number>> = Object.freeze({ L: 0.6, M: 0.3, H: 0.1 });

/** One machine of a fleet. Ids look like `S01-L02-M0007`: site, line within the site, machine number. */
export interface FleetAsset {
  /** `S<site>-L<line>-M<machine>`; the machine number is unique across the fleet. */
  readonly assetId: string;
  /** `S<site>`, e.g. `S01`. */
  readonly siteId: string;
  /** `S<site>-L<line>`, e.g. `S01-L02`, unique across the fleet. */
  readonly lineId: string;
  readonly assetType: AssetType;
}

/** A fleet description: plain data, the processes' state lives in the stream that runs them. */
export interface Fleet {
  readonly assets: readonly FleetAsset[];
}

/** Options of {@link createFleet}. */
export interface FleetOptions {
  /** Seed of the type assignment. */
  readonly seed: number;
  /** Number of machines, 1..9999. */
  readonly assets: number;
  /** Number of sites, 1..99. @default 1 */
  readonly sites?: number;
  /** Lines per site, 1..99. @default 1 */
  readonly linesPerSite?: number;
}

/** Stream id for the fleet layout's randomness, distinct from the per-asset process streams (1, 2, ...). */
const FLEET_LAYOUT_STREAM = 0;

function assertIntegerIn(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `${name} must be an integer in ${String(min)}..${String(max)}, got ${String(value)}`,
    );
  }
}

/** Number of assets per type by largest remainder, so shares are as close to the mix as the count allows. */
function typeCounts(assets: number): Record<AssetType, number> {
  const exact = ASSET_TYPES.map((type) => ({ type, quota: assets * ASSET_TYPE_MIX[type] }));
  const counts = { L: 0, M: 0, H: 0 };
  for (const { type, quota } of exact) counts[type] = Math.floor(quota);
  let left = assets - counts.L - counts.M - counts.H;
  // Ties keep ASSET_TYPES order (L first), which makes a one-asset fleet an L machine.
  const byRemainder = [...exact].sort(
    (a, b) => b.quota - Math.floor(b.quota) - (a.quota - Math.floor(a.quota)),
  );
  for (const { type } of byRemainder) {
    if (left === 0) break;
    counts[type] += 1;
    left -= 1;
  }
  return counts;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * Lays out a fleet: machines spread round-robin over sites and lines, variants assigned in the 60/30/10 mix
 * (exact counts by largest remainder, then shuffled with the seed, so no site gets all the H machines).
 */
export function createFleet(options: FleetOptions): Fleet {
  const { seed, assets, sites = 1, linesPerSite = 1 } = options;
  assertIntegerIn('assets', assets, 1, 9_999);
  assertIntegerIn('sites', sites, 1, 99);
  assertIntegerIn('linesPerSite', linesPerSite, 1, 99);
  const counts = typeCounts(assets);
  const types: AssetType[] = ASSET_TYPES.flatMap((type) => Array<AssetType>(counts[type]).fill(type));
  const random = createSeededRandom(deriveSeed(seed, FLEET_LAYOUT_STREAM));
  for (let i = types.length - 1; i > 0; i -= 1) {
    const j = random.nextInt(i + 1);
    [types[i], types[j]] = [types[j] as AssetType, types[i] as AssetType];
  }
  const lineCount = sites * linesPerSite;
  return {
    assets: types.map((assetType, index) => {
      const line = index % lineCount;
      const siteId = `S${pad(Math.floor(line / linesPerSite) + 1, 2)}`;
      const lineId = `${siteId}-L${pad((line % linesPerSite) + 1, 2)}`;
      return { assetId: `${lineId}-M${pad(index + 1, 4)}`, siteId, lineId, assetType };
    }),
  };
}
