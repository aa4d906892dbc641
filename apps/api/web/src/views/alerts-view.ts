import type { Alert, AlertList } from '../../../src/schemas/route-schemas.js';
import { errorMessage } from '../api-client.js';
import { h, replaceChildren } from '../dom.js';
import { formatUtc } from '../format.js';
import { routeHash } from '../router.js';
import type { View, ViewContext } from '../view.js';
import { card, cell, noticeRow, riskBadge, table } from '../widgets.js';

type AlertStatus = 'open' | 'acknowledged' | 'all';
const STATUSES: readonly { readonly status: AlertStatus; readonly label: string }[] = [
  { status: 'open', label: 'Open' },
  { status: 'acknowledged', label: 'Acknowledged' },
  { status: 'all', label: 'All' },
];

/** Alerts: readings at or above the alert threshold; open ones can be acknowledged; new ones arrive live. */
export function alertsView(ctx: ViewContext, status: AlertStatus): View {
  const tabs = h(
    'div',
    { class: 'segmented', attrs: { role: 'group', 'aria-label': 'Alert status' } },
    ...STATUSES.map((s) =>
      h(
        'a',
        {
          class: s.status === status ? 'active' : '',
          attrs: {
            href: routeHash({ name: 'alerts', status: s.status }),
            'aria-current': String(s.status === status),
          },
        },
        s.label,
      ),
    ),
  );
  const rows = table(
    [
      { label: 'Failure probability', numeric: false },
      'Asset',
      'Type',
      'Site / line',
      'Reading at',
      'Status',
      { label: '', numeric: true },
    ],
    'alerts',
  );
  const summary = h('span', {}, 'Loading…');
  const element = h(
    'div',
    { class: 'page', data: { page: 'alerts' } },
    h('div', { class: 'page-title' }, h('h1', {}, 'Alerts'), tabs),
    card('Failure alerts', summary, h('div', { class: 'table-scroll' }, rows.table)),
  );

  const alerts = new Map<string, Alert>();
  let threshold: number | undefined;
  let destroyed = false;

  async function load(): Promise<void> {
    try {
      const list = await ctx.api.get<AlertList>('/api/v1/alerts', { status, limit: 200 });
      if (destroyed) return;
      threshold = list.threshold;
      for (const alert of list.items) alerts.set(alert.alertId, alert);
      render();
    } catch (err: unknown) {
      if (!destroyed)
        replaceChildren(rows.body, noticeRow(7, 'error', `Alerts could not be loaded: ${errorMessage(err)}`));
    }
  }

  function visible(alert: Alert): boolean {
    if (status === 'open') return !alert.acknowledged;
    if (status === 'acknowledged') return alert.acknowledged;
    return true;
  }

  function render(): void {
    const shown = [...alerts.values()].filter(visible).sort((a, b) => b.recordedAt - a.recordedAt);
    const open = [...alerts.values()].filter((a) => !a.acknowledged).length;
    summary.textContent = `${String(shown.length)} shown · ${String(open)} open · raised when a reading's failure probability is ≥ ${threshold === undefined ? '—' : `${String(Math.round(threshold * 100))} %`}`;
    if (shown.length === 0) {
      replaceChildren(
        rows.body,
        noticeRow(7, 'empty', status === 'open' ? 'No open alerts: the fleet is healthy.' : 'No alerts.'),
      );
      return;
    }
    replaceChildren(rows.body, ...shown.map(row));
  }

  function row(alert: Alert): HTMLTableRowElement {
    const action = alert.acknowledged
      ? h(
          'span',
          { class: 'muted small' },
          alert.acknowledgedAt === null ? 'acknowledged' : `by ${alert.acknowledgedBy ?? '—'}`,
        )
      : h(
          'button',
          {
            class: 'secondary small',
            attrs: { type: 'button' },
            onClick: (event) => void acknowledge(alert, event.currentTarget),
          },
          'Acknowledge',
        );
    return h(
      'tr',
      { class: `row-${alert.riskBand}`, data: { alertId: alert.alertId, assetId: alert.assetId } },
      cell(riskBadge(alert.failureProbability, alert.riskBand)),
      cell(h('a', { attrs: { href: routeHash({ name: 'asset', assetId: alert.assetId }) } }, alert.assetId)),
      cell(alert.assetType),
      cell(`${alert.siteId ?? '—'} / ${alert.lineId ?? '—'}`),
      cell(formatUtc(alert.recordedAt)),
      cell(
        alert.acknowledged
          ? h(
              'span',
              { class: 'status status-ack', attrs: { title: formatUtc(alert.acknowledgedAt) } },
              'Acknowledged',
            )
          : h('span', { class: 'status status-open' }, alert.isLatest ? 'Open · latest reading' : 'Open'),
      ),
      cell(action, true),
    );
  }

  async function acknowledge(alert: Alert, button: EventTarget | null): Promise<void> {
    if (button instanceof HTMLButtonElement) {
      button.disabled = true;
      button.textContent = 'Acknowledging…';
    }
    try {
      const updated = await ctx.api.post<Alert>(
        `/api/v1/alerts/${encodeURIComponent(alert.alertId)}/ack`,
        {},
      );
      alerts.set(updated.alertId, updated);
      render();
    } catch (err: unknown) {
      if (button instanceof HTMLButtonElement) {
        button.disabled = false;
        button.textContent = 'Retry';
        button.title = errorMessage(err);
      }
    }
  }

  const unsubscribe = ctx.live.on('alert', (data) => {
    const alert = data as Alert;
    alerts.set(alert.alertId, alert);
    render();
  });

  void load();

  return {
    element,
    destroy() {
      destroyed = true;
      unsubscribe();
    },
  };
}
