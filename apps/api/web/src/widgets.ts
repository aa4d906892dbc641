import type { RiskBand } from '../../src/schemas/route-schemas.js';
import { h, type Child } from './dom.js';
import { formatProbability } from './format.js';
import { RISK_TITLES } from './risk-band.js';

/** A coloured probability badge (`93.4 %` on red for the high band). */
export function riskBadge(probability: number | null, band: RiskBand): HTMLSpanElement {
  return h(
    'span',
    { class: `badge badge-${band}`, attrs: { title: RISK_TITLES[band] } },
    probability === null ? 'not scored' : formatProbability(probability),
  );
}

/** A KPI tile: label, big value, optional note; `tone` colours the value. */
export function kpiTile(
  label: string,
  value: string,
  options: { readonly note?: string; readonly tone?: RiskBand; readonly id: string },
): HTMLElement {
  return h(
    'div',
    { class: `tile${options.tone === undefined ? '' : ` tile-${options.tone}`}`, data: { kpi: options.id } },
    h('div', { class: 'tile-label' }, label),
    h('div', { class: 'tile-value' }, value),
    options.note !== undefined && h('div', { class: 'tile-note' }, options.note),
  );
}

/** A card with a title, an optional subtitle and content. */
export function card(title: string, subtitle: Child, ...content: Child[]): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('header', { class: 'card-header' }, h('h2', {}, title), subtitle !== null && h('p', {}, subtitle)),
    ...content,
  );
}

/** A chart canvas inside a box of fixed height (Chart.js sizes itself to its parent); `label` is read aloud. */
export function chartBox(
  name: string,
  label: string,
  heightPx = 260,
): { box: HTMLElement; canvas: HTMLCanvasElement } {
  const canvas = h('canvas', {
    data: { chart: name, points: '0' },
    attrs: { role: 'img', 'aria-label': label },
  });
  const box = h('div', { class: 'chart-box', attrs: { style: `height:${String(heightPx)}px` } }, canvas);
  return { box, canvas };
}

/** A message in place of content: loading, empty or failed. */
export function notice(kind: 'loading' | 'empty' | 'error', text: string): HTMLElement {
  return h(
    'div',
    { class: `notice notice-${kind}`, attrs: { role: kind === 'error' ? 'alert' : 'status' } },
    text,
  );
}

/** A table row holding only a {@link notice}, spanning `columns` columns. */
export function noticeRow(columns: number, kind: 'loading' | 'empty' | 'error', text: string): HTMLElement {
  return h('tr', {}, h('td', { attrs: { colspan: String(columns) } }, notice(kind, text)));
}

/** A table with a header row; rows are added by the caller to the returned tbody. */
export function table(
  columns: readonly (string | { readonly label: string; readonly numeric: boolean })[],
  name: string,
): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const body = h('tbody');
  const head = h(
    'thead',
    {},
    h(
      'tr',
      {},
      ...columns.map((c) =>
        typeof c === 'string' ? h('th', {}, c) : h('th', { class: c.numeric ? 'num' : '' }, c.label),
      ),
    ),
  );
  return { table: h('table', { class: 'data-table', data: { table: name } }, head, body), body };
}

/** A table cell; numbers are right-aligned. */
export function cell(content: Child, numeric = false): HTMLTableCellElement {
  return h('td', { class: numeric ? 'num' : '' }, content);
}
