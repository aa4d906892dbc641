import type { Episode, EpisodeList, EpisodeSummary } from '../../../src/schemas/route-schemas.js';
import { actionButton, requestFromButton } from '../action-button.js';
import { errorMessage } from '../api-client.js';
import { h, replaceChildren } from '../dom.js';
import { formatUtc } from '../format.js';
import { routeHash } from '../router.js';
import type { View, ViewContext } from '../view.js';
import { card, cell, noticeRow, riskBadge, table } from '../widgets.js';

type EpisodeState = 'open' | 'resolved' | 'all';
const STATES: readonly { readonly state: EpisodeState; readonly label: string }[] = [
  { state: 'open', label: 'Open' },
  { state: 'resolved', label: 'Resolved' },
  { state: 'all', label: 'All' },
];
/** How often the page asks for the episodes again (they change only when the ingest function folds readings). */
const REFRESH_MS = 3_000;
const SNOOZE_MS = 3_600_000;
const COLUMNS = 8;

/** What the notifications of an episode say, in a few words. */
function deliveryText(episode: Episode): { text: string; title: string; failing: boolean } {
  if (episode.notifications.length === 0) return { text: '—', title: 'No notification', failing: false };
  const pending = episode.notifications.filter((n) => n.deliveredAt === null);
  const failing = pending.filter((n) => n.lastError !== null);
  const title = episode.notifications
    .map(
      (n) =>
        `${n.event}: ${n.deliveredAt === null ? 'pending' : `delivered ${formatUtc(n.deliveredAt)} via ${n.deliveredVia ?? '?'}`}, ${String(n.attempts)} attempt(s)${n.lastError === null ? '' : `, last error: ${n.lastError}`}`,
    )
    .join('\n');
  if (failing.length > 0)
    return { text: `failing (${String(failing[0]?.attempts ?? 0)} attempts)`, title, failing: true };
  if (pending.length > 0) return { text: 'pending', title, failing: false };
  return { text: 'delivered', title, failing: false };
}

function statusText(episode: Episode, nowMs: number): string {
  if (episode.state === 'resolved') {
    return `Resolved ${formatUtc(episode.resolvedAt)}${episode.resolvedBy === null ? '' : ` by ${episode.resolvedBy}`}`;
  }
  const parts = ['Open'];
  if (episode.acknowledgedAt !== null) parts.push(`acknowledged by ${episode.acknowledgedBy ?? '—'}`);
  if (episode.assignedTo !== null) parts.push(`assigned to ${episode.assignedTo}`);
  if (episode.snoozedUntil !== null && episode.snoozedUntil > nowMs) {
    parts.push(`snoozed until ${formatUtc(episode.snoozedUntil)}`);
  }
  return parts.join(' · ');
}

/**
 * Alerts as episodes: one per asset and period of sustained risk (opened and resolved by the ingest function), with
 * the peak, the band, the operators' actions and whether the notification got through. Open ones can be
 * acknowledged, snoozed for an hour or resolved by hand. Refreshed every few seconds.
 */
export function alertsView(ctx: ViewContext, state: EpisodeState): View {
  const tabs = h(
    'div',
    { class: 'segmented', attrs: { role: 'group', 'aria-label': 'Episode state' } },
    ...STATES.map((s) =>
      h(
        'a',
        {
          class: s.state === state ? 'active' : '',
          attrs: {
            href: routeHash({ name: 'alerts', status: s.state }),
            'aria-current': String(s.state === state),
          },
        },
        s.label,
      ),
    ),
  );
  const rows = table(
    [
      'Peak',
      'Asset',
      'Site / line',
      'Opened',
      'Last high reading',
      'Status',
      'Notification',
      { label: '', numeric: true },
    ],
    'alerts',
  );
  const summary = h('span', {}, 'Loading…');
  const element = h(
    'div',
    { class: 'page', data: { page: 'alerts' } },
    h('div', { class: 'page-title' }, h('h1', {}, 'Alerts'), tabs),
    card('Alert episodes', summary, h('div', { class: 'table-scroll' }, rows.table)),
  );

  let destroyed = false;
  let busy = false;

  async function load(): Promise<void> {
    try {
      const [list, counts] = await Promise.all([
        ctx.api.get<EpisodeList>('/api/v1/alert-episodes', { state, limit: 200 }),
        ctx.api.get<EpisodeSummary>('/api/v1/alert-episodes/summary'),
      ]);
      if (destroyed || busy) return;
      summary.textContent = `${String(list.items.length)} shown · ${String(counts.open)} open (${String(counts.openHigh)} high, ${String(counts.needsAttention)} need attention) · last minute: ${String(counts.openedLastMinute)} opened, ${String(counts.resolvedLastMinute)} resolved · ${String(counts.pendingNotifications)} notifications pending`;
      render(list.items, counts.asOf);
    } catch (err: unknown) {
      if (!destroyed) {
        replaceChildren(
          rows.body,
          noticeRow(COLUMNS, 'error', `Alerts could not be loaded: ${errorMessage(err)}`),
        );
      }
    }
  }

  function render(items: readonly Episode[], nowMs: number): void {
    if (items.length === 0) {
      replaceChildren(
        rows.body,
        noticeRow(
          COLUMNS,
          'empty',
          state === 'open' ? 'No open alerts: the fleet is healthy.' : 'No alerts.',
        ),
      );
      return;
    }
    replaceChildren(rows.body, ...items.map((e) => row(e, nowMs)));
  }

  function row(episode: Episode, nowMs: number): HTMLTableRowElement {
    const delivery = deliveryText(episode);
    const path = `/api/v1/alert-episodes/${encodeURIComponent(episode.episodeId)}`;
    const actions =
      episode.state === 'open'
        ? h(
            'span',
            { class: 'actions' },
            episode.acknowledgedAt === null && actionButton('Acknowledge', (b) => act(b, `${path}/ack`, {})),
            actionButton('Snooze 1 h', (b) => act(b, `${path}/snooze`, { until: Date.now() + SNOOZE_MS })),
            actionButton('Resolve', (b) => act(b, `${path}/resolve`, {})),
          )
        : h('span', { class: 'muted small' }, '');
    const modes = episode.peakModes.length > 0 ? ` ${episode.peakModes.join(', ')}` : '';
    return h(
      'tr',
      {
        class: `row-${episode.band}`,
        data: { episodeId: episode.episodeId, assetId: episode.assetId, state: episode.state },
      },
      cell(h('span', {}, riskBadge(episode.peakProbability, episode.band), modes)),
      cell(
        h('a', { attrs: { href: routeHash({ name: 'asset', assetId: episode.assetId }) } }, episode.assetId),
      ),
      cell(`${episode.siteId ?? '—'} / ${episode.lineId ?? '—'}`),
      cell(formatUtc(episode.openedAt)),
      cell(formatUtc(episode.lastHighAt)),
      cell(
        h(
          'span',
          {
            class: `status ${episode.state === 'open' && episode.acknowledgedAt === null ? 'status-open' : 'status-ack'}`,
          },
          statusText(episode, nowMs),
        ),
      ),
      cell(
        h(
          'span',
          {
            class: delivery.failing ? 'status status-open' : 'muted small',
            attrs: { title: delivery.title },
          },
          delivery.text,
        ),
      ),
      cell(actions, true),
    );
  }

  async function act(target: HTMLButtonElement, path: string, body: unknown): Promise<void> {
    busy = true;
    const episode = await requestFromButton(target, () => ctx.api.post<Episode>(path, body));
    busy = false;
    if (episode !== undefined) await load();
  }

  const timer = setInterval(() => void load(), REFRESH_MS);
  void load();

  return {
    element,
    destroy() {
      destroyed = true;
      clearInterval(timer);
    },
  };
}
