import { toCalendarDate, type AssetMasterData, type Criticality } from './asset-master-data.js';
import type { Fleet } from './create-fleet.js';
import type { AssetType } from './reading.js';
import { createSeededRandom, deriveSeed } from './seeded-random.js';

/**
 * Makers of the simulated fleet. The names are invented for this project and belong to no real company; each has a
 * model series per product variant and one expected service life for its machines.
 */
export const FLEET_MANUFACTURERS = Object.freeze([
  {
    name: 'Alder Machine Works',
    models: { L: 'AMW T-220', M: 'AMW T-360', H: 'AMW T-520 Precision' },
    serviceLifeYears: 15,
  },
  {
    name: 'Quillon Precision Lathes',
    models: { L: 'QPL 1800', M: 'QPL 2400', H: 'QPL 3200 HX' },
    serviceLifeYears: 12,
  },
  {
    name: 'Marrowgate Tooling',
    models: { L: 'MT Compact 40', M: 'MT Pro 60', H: 'MT Pro 80 Ultra' },
    serviceLifeYears: 10,
  },
  {
    name: 'Veskor Maschinenbau',
    models: { L: 'VD 300', M: 'VD 450', H: 'VD 600 S' },
    serviceLifeYears: 20,
  },
] as const satisfies readonly {
  name: string;
  models: Record<AssetType, string>;
  serviceLifeYears: number;
}[]);

/** Share of each criticality class in the simulated fleet: few A machines, most B. */
export const FLEET_CRITICALITY_MIX: Readonly<Record<Criticality, number>> = Object.freeze({
  A: 0.2,
  B: 0.5,
  C: 0.3,
});

/** Options of {@link createFleetMasterData}. */
export interface FleetMasterDataOptions {
  /** Seed of the fleet (the same seed as its layout and history). */
  readonly seed: number;
  readonly fleet: Fleet;
  /** The instant the register describes, epoch ms UTC: every install date is before it. */
  readonly asOfMs: number;
}

/**
 * Sub-stream of the master data's randomness: apart from the fleet layout (0) and the per-asset processes (1..9999),
 * so adding master data changes no reading of a generated history.
 */
const MASTER_DATA_STREAM = 100_000;
const DAY_MS = 86_400_000;
const MEAN_MONTH_DAYS = 365.2425 / 12;
/** The youngest simulated machine was installed a month before `asOfMs`. */
const MIN_AGE_DAYS = 30;
/** Some machines run past their expected life: ages go up to the service life plus this many months. */
const OVERRUN_MONTHS = 6;

/**
 * Asset register of a simulated fleet, one entry per asset in fleet order, reproducible from the seed and `asOfMs`:
 * a maker (uniform over {@link FLEET_MANUFACTURERS}), its model for the asset's variant, its service life, an install
 * date whose age is uniform between one month and the service life plus six months (so a few machines are past
 * their end of life and some reach it within the next months), a criticality in the {@link FLEET_CRITICALITY_MIX},
 * and the fleet's site and line.
 */
export function createFleetMasterData(options: FleetMasterDataOptions): AssetMasterData[] {
  const { seed, fleet, asOfMs } = options;
  if (!Number.isSafeInteger(asOfMs)) throw new RangeError(`asOfMs must be epoch ms, got ${String(asOfMs)}`);
  const random = createSeededRandom(deriveSeed(seed, MASTER_DATA_STREAM));
  const asOfDayMs = Math.floor(asOfMs / DAY_MS) * DAY_MS;
  return fleet.assets.map((asset) => {
    // Three draws per asset, always in this order, so one asset's entry does not depend on another's values.
    const maker = FLEET_MANUFACTURERS[
      random.nextInt(FLEET_MANUFACTURERS.length)
    ] as (typeof FLEET_MANUFACTURERS)[number];
    const ageDraw = random.next();
    const criticalityDraw = random.next();
    const serviceLifeMonths = maker.serviceLifeYears * 12;
    const maxAgeDays = Math.floor((serviceLifeMonths + OVERRUN_MONTHS) * MEAN_MONTH_DAYS);
    const ageDays = MIN_AGE_DAYS + Math.floor(ageDraw * (maxAgeDays - MIN_AGE_DAYS));
    const criticality: Criticality =
      criticalityDraw < FLEET_CRITICALITY_MIX.A
        ? 'A'
        : criticalityDraw < FLEET_CRITICALITY_MIX.A + FLEET_CRITICALITY_MIX.B
          ? 'B'
          : 'C';
    return {
      assetId: asset.assetId,
      manufacturer: maker.name,
      model: maker.models[asset.assetType],
      installedOn: toCalendarDate(asOfDayMs - ageDays * DAY_MS),
      serviceLifeMonths,
      criticality,
      siteId: asset.siteId,
      lineId: asset.lineId,
    };
  });
}
