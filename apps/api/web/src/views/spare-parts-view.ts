import type { ForecastBody, ReorderList, StockList } from '../../../src/schemas/route-schemas.js';
import { errorMessage } from '../api-client.js';
import { h, replaceChildren } from '../dom.js';
import type { View, ViewContext } from '../view.js';
import { card, cell, noticeRow, table } from '../widgets.js';

/** The figures change with readings and work orders, slowly: a refresh every half minute is plenty. */
const REFRESH_MS = 30_000;
const REORDER_COLUMNS = 8;
const STOCK_COLUMNS = 9;

const pieces = (n: number): string => n.toLocaleString('en-US');

/**
 * Spare parts (issue #17, ADR 0046): the reorders to place (late ones marked), the projected stock per part and
 * ISO week with the weeks at or below the reorder point marked, and the stock as stored.
 */
export function sparePartsView(ctx: ViewContext): View {
  const reorders = table(
    [
      'Site',
      'Part',
      { label: 'Quantity', numeric: true },
      'Order by',
      'Reaches reorder point',
      'Arrives',
      { label: 'Stock at arrival', numeric: true },
      'Status',
    ],
    'reorders',
  );
  const reorderSummary = h('span', {}, 'Loading…');
  const forecastBox = h('div', { class: 'table-scroll' });
  const forecastSummary = h('span', {}, 'Loading…');
  const stock = table(
    [
      'Site',
      'Part',
      'Description',
      'Type',
      { label: 'On hand', numeric: true },
      { label: 'On order', numeric: true },
      { label: 'Reorder point', numeric: true },
      { label: 'Lot', numeric: true },
      { label: 'Lead time', numeric: true },
    ],
    'stock',
  );
  const element = h(
    'div',
    { class: 'page', data: { page: 'spare-parts' } },
    h('div', { class: 'page-title' }, h('h1', {}, 'Spare parts')),
    card('Reorder recommendations', reorderSummary, h('div', { class: 'table-scroll' }, reorders.table)),
    card('Projected stock per week', forecastSummary, forecastBox),
    card('Stock', 'On hand and on order per site and part', h('div', { class: 'table-scroll' }, stock.table)),
  );

  let destroyed = false;

  function renderReorders(list: ReorderList): void {
    reorderSummary.textContent =
      list.items.length === 0
        ? 'No part reaches its reorder point within its lead time'
        : `${String(list.items.length)} to order, ${String(list.late)} late (the stock runs out before an order placed by its order-by day arrives)`;
    if (list.items.length === 0) {
      replaceChildren(reorders.body, noticeRow(REORDER_COLUMNS, 'empty', 'Nothing to reorder.'));
      return;
    }
    replaceChildren(
      reorders.body,
      ...list.items.map((r) =>
        h(
          'tr',
          {
            class: r.isLate ? 'row-high' : '',
            data: { reorder: `${r.siteId}/${r.partId}`, late: String(r.isLate) },
          },
          cell(r.siteId),
          cell(h('span', { attrs: { title: r.description } }, r.partId)),
          cell(pieces(r.quantity), true),
          cell(r.orderBy),
          cell(r.reachesReorderPointOn),
          cell(r.arrivesOn),
          cell(pieces(r.projectedStockAtArrival), true),
          cell(
            r.isLate
              ? h(
                  'span',
                  {
                    class: 'badge badge-high',
                    attrs: { title: `out of stock from ${String(r.shortfallOn)} until the order arrives` },
                  },
                  `late by ${String(r.lateByDays)} d`,
                )
              : h('span', { class: 'badge badge-normal' }, 'in time'),
          ),
        ),
      ),
    );
  }

  function renderForecast(f: ForecastBody): void {
    forecastSummary.textContent = `Tool changes predicted from tool life and open work orders, ${String(f.operatingHoursPerWeek)} operating hours a week; shaded: at or below the reorder point${f.unstockedDemand.length === 0 ? '' : ` · ${String(f.unstockedDemand.length)} site/type without stock`}`;
    if (f.parts.length === 0) {
      replaceChildren(
        forecastBox,
        h('p', { class: 'muted' }, 'No stock rows: import a stock file (bulk-load stock import).'),
      );
      return;
    }
    const head = h(
      'tr',
      {},
      h('th', {}, 'Site / part'),
      h('th', { class: 'num' }, 'Reorder point'),
      ...f.weeks.map((w) =>
        h('th', { class: 'num', attrs: { title: `${w.fromDate} to ${w.toDate}` } }, w.week),
      ),
    );
    const rows = f.parts.map((p) =>
      h(
        'tr',
        { data: { part: `${p.siteId}/${p.partId}` } },
        cell(`${p.siteId} · ${p.partId}`),
        cell(pieces(p.reorderPoint), true),
        ...p.weeks.map((w) =>
          h(
            'td',
            {
              class: `num${w.isAtOrBelowReorderPoint ? ' below-reorder-point' : ''}`,
              attrs: {
                title: `demand ${pieces(w.demand)}, arriving ${pieces(w.arrivals)}, stock at week end ${pieces(w.projectedStock)}`,
              },
              data: { week: w.week, low: String(w.isAtOrBelowReorderPoint) },
            },
            pieces(w.projectedStock),
            w.demand > 0 && h('span', { class: 'demand' }, ` −${pieces(w.demand)}`),
          ),
        ),
      ),
    );
    replaceChildren(
      forecastBox,
      h(
        'table',
        { class: 'data-table', data: { table: 'forecast' } },
        h('thead', {}, head),
        h('tbody', {}, ...rows),
      ),
    );
  }

  function renderStock(list: StockList): void {
    if (list.items.length === 0) {
      replaceChildren(stock.body, noticeRow(STOCK_COLUMNS, 'empty', 'No stock rows.'));
      return;
    }
    replaceChildren(
      stock.body,
      ...list.items.map((s) =>
        h(
          'tr',
          { data: { stock: `${s.siteId}/${s.partId}` } },
          cell(s.siteId),
          cell(s.partId),
          cell(s.description),
          cell(s.assetType),
          cell(pieces(s.onHand), true),
          cell(pieces(s.onOrder), true),
          cell(pieces(s.reorderPoint), true),
          cell(pieces(s.reorderQuantity), true),
          cell(`${String(s.leadTimeDays)} d`, true),
        ),
      ),
    );
  }

  async function load(): Promise<void> {
    try {
      const [stockList, forecast, reorderList] = await Promise.all([
        ctx.api.get<StockList>('/api/v1/spare-parts/stock'),
        ctx.api.get<ForecastBody>('/api/v1/spare-parts/forecast'),
        ctx.api.get<ReorderList>('/api/v1/spare-parts/reorders'),
      ]);
      if (destroyed) return;
      renderReorders(reorderList);
      renderForecast(forecast);
      renderStock(stockList);
    } catch (err: unknown) {
      if (destroyed) return;
      const text = `Spare parts could not be loaded: ${errorMessage(err)}`;
      replaceChildren(reorders.body, noticeRow(REORDER_COLUMNS, 'error', text));
      reorderSummary.textContent = '';
    }
  }

  void load();
  const timer = setInterval(() => void load(), REFRESH_MS);
  return {
    element,
    destroy() {
      destroyed = true;
      clearInterval(timer);
    },
  };
}
