import { describe, expect, it } from 'vitest';
import { renderStatus, renderStatusLine, type StatusSample } from './status-screen.js';

const START = Date.UTC(2026, 10, 22, 9, 0, 0);
const context = { startedAtMs: START, dashboardUrl: 'http://127.0.0.1:8080/', stream: 'readings' };
const first: StatusSample = {
  atMs: START + 61_000,
  produced: 60_000,
  isProducerDone: false,
  stored: 59_000,
  deadLettered: 10,
  lag: 12,
  alerts: {
    open: 7,
    openHigh: 2,
    openedLastMinute: 3,
    resolvedLastMinute: 1,
    pendingNotifications: 0,
    delivered: 9,
  },
  model: { name: 'machine-failure', version: 2, modelId: 4 },
};
const second: StatusSample = {
  ...first,
  atMs: first.atMs + 2_000,
  produced: 62_000,
  stored: 61_500,
  deadLettered: 14,
  lag: 3,
};

describe('renderStatus', () => {
  it('shows rates between two samples, totals, lag, alerts and the model in use', () => {
    expect(renderStatus(second, first, context)).toEqual([
      'live 00:01:03   stream readings   dashboard http://127.0.0.1:8080/',
      'produced         1,000/s   62,000 total',
      'stored           1,250/s   61,500 total',
      'dead-lettered        2/s   14 total',
      'lag           3 messages',
      'alerts        7 open episodes (2 high); last minute 3 opened, 1 resolved; notifications 9 received, 0 pending',
      'model         machine-failure v2 (model 4)',
    ]);
  });

  it('says what is not known yet instead of inventing a rate', () => {
    const lines = renderStatus(
      { ...first, produced: null, lag: null, alerts: null, model: null, isProducerDone: true },
      undefined,
      { ...context, dashboardUrl: null },
    );
    expect(lines[0]).toContain('dashboard (API skipped)');
    expect(lines[1]).toBe('produced               …   … total   (producer done)');
    expect(lines[2]).toBe('stored                 …   59,000 total');
    expect(lines[4]).toBe('lag           …');
    expect(lines[6]).toMatch(/none active: readings are stored unscored/);
  });

  it('names why the API figures are missing', () => {
    const lines = renderStatus(
      { ...second, alerts: null, model: null, apiNote: 'API skipped' },
      first,
      context,
    );
    expect(lines.slice(5)).toEqual(['alerts        API skipped', 'model         API skipped']);
  });
});

describe('renderStatusLine', () => {
  it('puts the same figures on one line for logs', () => {
    expect(renderStatusLine(second, first, context)).toBe(
      '[00:01:03] · produced 1,000/s (62,000) · stored 1,250/s (61,500) · dead-lettered 2/s (14) · lag 3 · episodes 7 open (+3/-1 per min) · model machine-failure v2',
    );
  });
});
