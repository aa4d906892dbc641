import { createApiClient } from './api-client.js';
import { forgetApiKey, readApiKey, storeApiKey } from './api-key.js';
import { h, replaceChildren } from './dom.js';
import { LiveFeed, type LiveStatus } from './live-feed.js';
import { parseRoute, routeHash, type Route } from './router.js';
import type { View, ViewContext } from './view.js';
import { aggregatesView } from './views/aggregates-view.js';
import { alertsView } from './views/alerts-view.js';
import { assetDashboardView } from './views/asset-dashboard-view.js';
import { assetView } from './views/asset-view.js';
import { fleetView } from './views/fleet-view.js';
import { probabilityView } from './views/probability-view.js';
import { maintenanceView } from './views/maintenance-view.js';
import { sparePartsView } from './views/spare-parts-view.js';

const app = document.querySelector<HTMLElement>('#app');
const nav = document.querySelector<HTMLElement>('#nav');
const liveStatus = document.querySelector<HTMLElement>('#live-status');
const signOut = document.querySelector<HTMLButtonElement>('#sign-out');

const NAV_ITEMS: readonly { readonly label: string; readonly route: Route }[] = [
  { label: 'Fleet overview', route: { name: 'fleet' } },
  { label: 'Hourly aggregates', route: { name: 'aggregates', assetId: undefined, siteId: undefined } },
  { label: 'Alerts', route: { name: 'alerts', status: 'open' } },
  { label: 'Asset dashboard', route: { name: 'assetDashboard' } },
  { label: 'Probability of failure', route: { name: 'probability' } },
  { label: 'Maintenance', route: { name: 'maintenance' } },
  { label: 'Spare parts', route: { name: 'spareParts' } },
];

const STATUS_TEXT: Readonly<Record<LiveStatus, string>> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Offline',
};

function start(): void {
  if (app === null || nav === null || liveStatus === null || signOut === null) return;
  const apiKey = readApiKey();
  if (apiKey === undefined) {
    showKeyPrompt(app, undefined);
    return;
  }
  // Called only after a request failed, so `live` is initialised by then.
  const api = createApiClient(apiKey, () => {
    forgetApiKey();
    live.stop();
    showKeyPrompt(app, 'The API refused this key (401). Enter a valid API key.');
  });
  const live = new LiveFeed(api);
  const ctx: ViewContext = { api, live };
  live.onStatus((status) => {
    liveStatus.dataset['status'] = status;
    liveStatus.textContent = STATUS_TEXT[status];
  });
  signOut.hidden = false;
  signOut.addEventListener('click', () => {
    forgetApiKey();
    window.location.reload();
  });

  let current: View | undefined;
  const show = () => {
    const route = parseRoute(window.location.hash);
    current?.destroy();
    current = mount(ctx, route);
    replaceChildren(app, current.element);
    renderNav(nav, route);
    document.title = `${pageTitle(route)} · Lakehouse`;
  };
  window.addEventListener('hashchange', show);
  if (window.location.hash === '') history.replaceState(null, '', routeHash({ name: 'fleet' }));
  show();
  live.start();
}

function mount(ctx: ViewContext, route: Route): View {
  switch (route.name) {
    case 'fleet':
      return fleetView(ctx);
    case 'asset':
      return assetView(ctx, route.assetId);
    case 'aggregates':
      return aggregatesView(ctx, route);
    case 'alerts':
      return alertsView(ctx, route.status);
    case 'assetDashboard':
      return assetDashboardView(ctx);
    case 'probability':
      return probabilityView(ctx);
    case 'maintenance':
      return maintenanceView(ctx);
    case 'spareParts':
      return sparePartsView(ctx);
  }
}

function pageTitle(route: Route): string {
  switch (route.name) {
    case 'fleet':
      return 'Fleet overview';
    case 'asset':
      return route.assetId;
    case 'aggregates':
      return 'Hourly aggregates';
    case 'alerts':
      return 'Alerts';
    case 'assetDashboard':
      return 'Asset dashboard';
    case 'probability':
      return 'Probability of failure';
    case 'maintenance':
      return 'Maintenance';
    case 'spareParts':
      return 'Spare parts';
  }
}

function renderNav(nav: HTMLElement, route: Route): void {
  const section = route.name === 'asset' ? 'fleet' : route.name;
  replaceChildren(
    nav,
    ...NAV_ITEMS.map((item) =>
      h(
        'a',
        {
          class: item.route.name === section ? 'active' : '',
          attrs: {
            href: routeHash(item.route),
            ...(item.route.name === section ? { 'aria-current': 'page' } : {}),
          },
        },
        item.label,
      ),
    ),
  );
}

/** Asks for the key; it is kept in this tab's sessionStorage only and sent as a bearer token. */
function showKeyPrompt(app: HTMLElement, problem: string | undefined): void {
  const input = h('input', {
    attrs: {
      type: 'password',
      name: 'apiKey',
      autocomplete: 'off',
      required: '',
      placeholder: 'API key',
      id: 'api-key',
    },
  });
  const form = h(
    'form',
    { class: 'key-form' },
    h('label', { attrs: { for: 'api-key' } }, 'API key'),
    input,
    h('button', { class: 'primary', attrs: { type: 'submit' } }, 'Open dashboard'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (key === '') return;
    storeApiKey(key);
    window.location.reload();
  });
  replaceChildren(
    app,
    h(
      'div',
      { class: 'key-prompt', data: { page: 'key-prompt' } },
      h('h1', {}, 'Sign in with an API key'),
      problem !== undefined && h('p', { class: 'notice notice-error', attrs: { role: 'alert' } }, problem),
      h(
        'p',
        { class: 'muted' },
        'The dashboard reads the fleet through the API, which needs a key with the read scope. Paste it below, or open ',
        h('code', {}, '/#key=<your key>'),
        ': the part after # never leaves the browser. The key is kept in this tab only.',
      ),
      form,
    ),
  );
  input.focus();
}

start();
