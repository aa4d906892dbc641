import type {
  Episode,
  EpisodeList,
  EpisodeSummary,
  FleetWarning,
  FleetWarnings,
  ToolChanges,
  WorkOrderList,
} from '../../../src/schemas/route-schemas.js';
import { errorMessage } from '../api-client.js';
import { h, replaceChildren } from '../dom.js';
import { formatFailsIn, formatNumber, formatProbability, formatUtc } from '../format.js';
import { failureModeLabel } from '../labels.js';
import { routeHash } from '../router.js';
import type { View, ViewContext } from '../view.js';
import { card, cell, kpiTile, noticeRow, riskBadge, table } from '../widgets.js';
import { workOrderActionLabel, workOrderStateLabel } from '../work-order-labels.js';
import { createWorkOrderTable } from './maintenance/work-order-table.js';

/** Work orders change when episodes open (ingest), when the planner runs (a minute) or when someone acts. */
const REFRESH_MS = 5_000;

/**
 * The maintenance planner's page: the warnings (open episodes by expected failure time, with the horizon risk and
 * the work orders they asked for; issue #18), open alert episodes (count and list, linking to the asset), the work
 * list (active work orders by priority, with Plan / Done / Cancel) and the tool changes due in the next shift.
 */
export function maintenanceView(ctx: ViewContext): View {
  const tiles = h('div', { class: 'tiles' });
  const warnings = table(
    ['Band', 'Asset', 'Site / line', 'Expected failure', 'Horizon risk', 'Work orders'],
    'warnings',
  );
  const episodes = table(['Peak', 'Asset', 'Site', 'Opened', 'Failure modes'], 'maintenance-episodes');
  const tools = table(
    ['Asset', 'Site', 'Criticality', { label: 'Tool wear (min)', numeric: true }, 'Due', 'Work order'],
    'tool-changes',
  );
  const work = createWorkOrderTable(ctx.api, 'work-orders', 'No open work orders.', load);
  const element = h(
    'div',
    { class: 'page', data: { page: 'maintenance' } },
    h('div', { class: 'page-title' }, h('h1', {}, 'Maintenance')),
    tiles,
    card(
      'Warnings',
      'Open episodes, soonest expected failure first',
      h('div', { class: 'table-scroll' }, warnings.table),
    ),
    card('Work list', 'Open and planned work orders, most urgent first', work.element),
    h(
      'div',
      { class: 'grid-2-1' },
      card('Open alert episodes', null, h('div', { class: 'table-scroll' }, episodes.table)),
      card('Tool changes due in the next shift', null, h('div', { class: 'table-scroll' }, tools.table)),
    ),
  );
  let destroyed = false;

  function episodeRow(e: Episode): HTMLTableRowElement {
    return h(
      'tr',
      { data: { episodeId: e.episodeId, assetId: e.assetId } },
      cell(riskBadge(e.peakProbability, e.band)),
      cell(h('a', { attrs: { href: routeHash({ name: 'asset', assetId: e.assetId }) } }, e.assetId)),
      cell(e.siteId ?? '—'),
      cell(formatUtc(e.openedAt)),
      cell(e.peakModes.length === 0 ? '—' : e.peakModes.map(failureModeLabel).join(', ')),
    );
  }

  function warningRow(w: FleetWarning, nowMs: number): HTMLTableRowElement {
    const risk = w.horizonRisk;
    return h(
      'tr',
      {
        data: {
          episodeId: w.episodeId,
          assetId: w.assetId,
          scoreKind: w.scoreKind,
          expectedFailureAt: w.expectedFailureAt === null ? 'none' : String(w.expectedFailureAt),
        },
      },
      cell(riskBadge(w.peakProbability, w.band)),
      cell(h('a', { attrs: { href: routeHash({ name: 'asset', assetId: w.assetId }) } }, w.assetId)),
      cell(`${w.siteId ?? '—'} / ${w.lineId ?? '—'}`),
      cell(
        h(
          'span',
          { class: 'fails-in' },
          formatFailsIn(w.expectedFailureAt, nowMs),
          w.expectedFailureAt !== null &&
            h('span', { class: 'muted small expected-at' }, ` · ${formatUtc(w.expectedFailureAt)}`),
        ),
      ),
      cell(
        risk === null
          ? '—'
          : h(
              'span',
              {
                class: 'horizon-risk',
                attrs: {
                  title:
                    risk.expectedMinutesToFailure === null
                      ? 'no estimate of the minutes of operation to failure'
                      : `~${formatNumber(risk.expectedMinutesToFailure, 0)} min of operation to failure`,
                },
              },
              `${formatProbability(risk.risk)} within ${String(risk.horizonMinutes)} min`,
            ),
      ),
      cell(
        w.workOrders.length === 0
          ? '—'
          : h(
              'span',
              { class: 'small' },
              ...w.workOrders.map((o, i) =>
                h(
                  'span',
                  { data: { workOrderId: o.workOrderId } },
                  `${i === 0 ? '' : ', '}${workOrderActionLabel(o.action)} · ${workOrderStateLabel(o.state)}`,
                ),
              ),
            ),
      ),
    );
  }

  async function load(): Promise<void> {
    try {
      const [summary, open, orders, changes, warned] = await Promise.all([
        ctx.api.get<EpisodeSummary>('/api/v1/alert-episodes/summary'),
        ctx.api.get<EpisodeList>('/api/v1/alert-episodes', { state: 'open', limit: 200 }),
        ctx.api.get<WorkOrderList>('/api/v1/work-orders', { state: 'active', limit: 500 }),
        ctx.api.get<ToolChanges>('/api/v1/tool-changes'),
        ctx.api.get<FleetWarnings>('/api/v1/fleet/warnings', { limit: 200 }),
      ]);
      if (destroyed) return;
      replaceChildren(
        tiles,
        kpiTile('Open episodes', String(summary.open), {
          id: 'open-episodes',
          note: `${String(summary.openHigh)} high`,
        }),
        kpiTile('Warnings', String(warned.items.length), {
          id: 'warnings',
          note: `${String(warned.items.filter((w) => w.expectedFailureAt !== null).length)} with an expected failure time`,
        }),
        kpiTile('Active work orders', String(orders.items.length), {
          id: 'active-work-orders',
          note: `${String(orders.items.filter((o) => o.priority === 1).length)} at priority 1`,
        }),
        kpiTile('Tool changes due', String(changes.items.length), {
          id: 'tool-changes-due',
          note: `within ${formatNumber(changes.withinMs / 3_600_000, 0)} h`,
        }),
      );
      replaceChildren(
        warnings.body,
        ...(warned.items.length === 0
          ? [noticeRow(6, 'empty', 'No warnings.')]
          : warned.items.map((w) => warningRow(w, warned.asOf))),
      );
      replaceChildren(
        episodes.body,
        ...(open.items.length === 0
          ? [noticeRow(5, 'empty', 'No open alert episodes.')]
          : open.items.map(episodeRow)),
      );
      replaceChildren(
        tools.body,
        ...(changes.items.length === 0
          ? [noticeRow(6, 'empty', 'No tool change due in the next shift.')]
          : changes.items.map((c) =>
              h(
                'tr',
                { data: { assetId: c.assetId } },
                cell(
                  h('a', { attrs: { href: routeHash({ name: 'asset', assetId: c.assetId }) } }, c.assetId),
                ),
                cell(c.siteId ?? '—'),
                cell(c.criticality ?? '—'),
                cell(formatNumber(c.toolWearMin, 0), true),
                cell(c.isDue ? 'now' : formatUtc(c.dueAt)),
                cell(c.workOrderId ?? '—'),
              ),
            )),
      );
      if (!work.isBusy()) work.render(orders.items);
    } catch (err: unknown) {
      if (!destroyed) work.fail(`Maintenance could not be loaded: ${errorMessage(err)}`);
    }
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
