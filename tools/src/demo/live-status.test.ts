import { describe, expect, it } from 'vitest';
import { workOrderCheckLine } from './live-status.js';

describe('workOrderCheckLine', () => {
  it('passes when every open episode has a work order and there are no more open episodes than assets', () => {
    expect(workOrderCheckLine({ assets: 100, openEpisodes: 7, withoutWork: 0, activeWorkOrders: 12 })).toBe(
      'Work orders: 12 active; open episodes 7 <= assets 100, open episodes without a work order: 0 (check passed).',
    );
  });

  it('fails on an open episode without a work order, or more open episodes than assets', () => {
    expect(
      workOrderCheckLine({ assets: 100, openEpisodes: 7, withoutWork: 1, activeWorkOrders: 6 }),
    ).toContain('CHECK FAILED');
    expect(workOrderCheckLine({ assets: 5, openEpisodes: 6, withoutWork: 0, activeWorkOrders: 6 })).toContain(
      'CHECK FAILED',
    );
  });
});
