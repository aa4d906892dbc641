import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { startTestApi, type SeedReading, type TestApi } from '../../src/testing/start-test-api.js';

/*
 * The browser tests' shared setup: the dashboard bundle built from the current sources into a temporary folder (so
 * a test never looks at a stale dist/), the real API serving it from a throwaway schema of the local MariaDB, and
 * one Chromium page (Debian's chromium driven by playwright-core). Nothing is mocked.
 */

const CHROMIUM = '/usr/bin/chromium';
const WEB_DIR = join(import.meta.dirname, '..');

/** Where the browser tests write their screenshots (gitignored). */
export const ARTIFACTS = join(import.meta.dirname, 'artifacts');

/** Options of {@link useDashboard}. */
export interface DashboardOptions {
  /** Names the temporary dist folder (`<name>-dist-…`). */
  readonly name: string;
  /** Extra API env; API_WEB_DIR is set to the built bundle. */
  readonly env?: Readonly<Record<string, string>>;
  /** Readings stored before the API starts; called once the bundle is built. @default no readings */
  readonly seed?: () => readonly SeedReading[];
  /** Runs once the API is up and before the page opens: more data, rebuilt aggregates, planners. */
  readonly prepare?: (api: TestApi) => Promise<void>;
}

/** The running API and the browser page of a describe block. */
export interface Dashboard {
  readonly api: TestApi;
  readonly page: Page;
  /** Uncaught page errors and console errors, in order; a test may clear the ones it expects. */
  readonly pageErrors: string[];
}

/**
 * The dashboard for the enclosing describe block: built and started in its beforeAll, closed in its afterAll (as
 * `useFleetApi()` does for the route tests). `api` and `page` may be used inside the tests only.
 */
export function useDashboard(options: DashboardOptions): Dashboard {
  let api: TestApi | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let distDir: string | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    distDir = mkdtempSync(join(tmpdir(), `${options.name}-dist-`));
    mkdirSync(ARTIFACTS, { recursive: true });
    const launching = chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    // Built before the API starts: the API serves the dashboard only if index.html exists when it starts.
    await build({
      configFile: join(WEB_DIR, 'vite.config.mts'),
      logLevel: 'warn',
      build: { outDir: distDir },
    });
    api = await startTestApi({
      env: { ...options.env, API_WEB_DIR: distDir },
      seed: options.seed?.() ?? [],
    });
    browser = await launching;
    await options.prepare?.(api);
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      deviceScaleFactor: 1,
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    if (distDir !== undefined) rmSync(distDir, { recursive: true, force: true });
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the dashboard is started in beforeAll: use it inside a test');
    return value;
  };
  return {
    get api() {
      return started(api);
    },
    get page() {
      return started(page);
    },
    pageErrors,
  };
}

/** Data points a chart reports (charts.ts writes them on the canvas after every update). */
export async function chartPoints(page: Page, name: string): Promise<number> {
  return Number(await page.locator(`canvas[data-chart="${name}"]`).getAttribute('data-points'));
}

/** Waits until a chart reports at least `minPoints` data points. */
export async function waitForChartData(page: Page, name: string, minPoints = 1): Promise<void> {
  await page.waitForFunction(
    ({ chart, min }) =>
      Number(document.querySelector(`canvas[data-chart="${chart}"]`)?.getAttribute('data-points')) >= min,
    { chart: name, min: minPoints },
  );
}

/** Pixels that are not transparent: proof that the chart really drew something. */
export async function paintedPixels(page: Page, name: string): Promise<number> {
  return page.locator(`canvas[data-chart="${name}"]`).evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (context === null) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted += 1;
    return painted;
  });
}

/** The text of a KPI tile's value. */
export async function tileValue(page: Page, kpi: string): Promise<string | null> {
  return page.locator(`[data-kpi="${kpi}"] .tile-value`).textContent();
}

/** One `data-*` value of each body row of a `[data-table]`, in page order (e.g. `assetId` for `data-asset-id`). */
export async function rowData(page: Page, table: string, key: string): Promise<(string | undefined)[]> {
  return page
    .locator(`[data-table="${table}"] tbody tr`)
    .evaluateAll((rows, name) => rows.map((row) => (row as HTMLElement).dataset[name]), key);
}
