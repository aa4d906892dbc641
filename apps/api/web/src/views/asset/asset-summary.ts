import type { Asset, Episode, StoredReading } from '../../../../src/schemas/route-schemas.js';
import { h, replaceChildren } from '../../dom.js';
import { formatProbability, formatUtc } from '../../format.js';
import { riskBand } from '../../risk-band.js';
import { routeHash } from '../../router.js';
import { notice, riskBadge } from '../../widgets.js';

/** The asset's open alert episode as far as the page knows it. */
export type EpisodeFact =
  | { readonly kind: 'loading' }
  | { readonly kind: 'none' }
  | { readonly kind: 'open'; readonly episode: Episode }
  | { readonly kind: 'error'; readonly message: string };

/** What the summary shows. */
export interface SummaryFacts {
  readonly asset: Asset;
  /** The newest reading the page has (from the asset, then the live feed). */
  readonly latest: StoredReading | undefined;
  /** Readings received live since the page opened. */
  readonly liveReadings: number;
  readonly episode: EpisodeFact;
}

/** The asset's summary line: probability, type, place, last reading, status, open alert, link to aggregates. */
export interface AssetSummary {
  readonly element: HTMLElement;
  render(facts: SummaryFacts): void;
  /** Replaces the summary by an error (the asset could not be loaded). */
  fail(text: string): void;
}

/** Creates the summary; it says "Loading" until the first `render`. */
export function createAssetSummary(assetId: string): AssetSummary {
  const element = h('div', { class: 'asset-header' }, notice('loading', `Loading ${assetId}…`));
  return {
    element,
    render({ asset, latest, liveReadings, episode }) {
      const probabilityNow = latest?.failureProbability ?? asset.failureProbability;
      const band = riskBand(probabilityNow);
      replaceChildren(
        element,
        h(
          'div',
          { class: `asset-summary band-${band}` },
          fact('Failure probability', riskBadge(probabilityNow, band)),
          fact('Type', asset.assetType),
          fact('Site / line', `${asset.siteId ?? '—'} / ${asset.lineId ?? '—'}`),
          fact('Last reading', formatUtc(latest?.recordedAt ?? asset.lastSeenAt)),
          fact('Status', asset.isOperating || liveReadings > 0 ? 'Operating' : 'Idle'),
          fact('Alert', episodeFact(episode)),
          fact(
            'Hourly aggregates',
            h(
              'a',
              { attrs: { href: routeHash({ name: 'aggregates', assetId, siteId: undefined }) } },
              'Open',
            ),
          ),
        ),
      );
    },
    fail(text) {
      replaceChildren(element, notice('error', text));
    },
  };
}

/** The open alert episode, if any, linking to the alerts page. */
function episodeFact(episode: EpisodeFact): HTMLElement | string {
  switch (episode.kind) {
    case 'error':
      return h('span', { attrs: { title: episode.message } }, 'unavailable');
    case 'loading':
      return '…';
    case 'none':
      return 'none open';
    case 'open':
      return h(
        'a',
        {
          attrs: { href: routeHash({ name: 'alerts', status: 'open' }) },
          data: { episodeId: episode.episode.episodeId },
        },
        `${episode.episode.band} since ${formatUtc(episode.episode.openedAt)}, peak ${formatProbability(episode.episode.peakProbability)}`,
      );
  }
}

function fact(label: string, value: Node | string): HTMLElement {
  return h(
    'div',
    { class: 'fact' },
    h('div', { class: 'fact-label' }, label),
    h('div', { class: 'fact-value' }, value),
  );
}
