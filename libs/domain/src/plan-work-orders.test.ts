import { describe, expect, it } from 'vitest';
import {
  actionsForModes,
  episodeWorkOrders,
  mergeWorkOrders,
  nextWorkOrderState,
  toolLifeWorkOrder,
  wearSinceReplacement,
  workOrderActiveKey,
  workOrderPriority,
} from './plan-work-orders.js';

const NOW = Date.UTC(2026, 5, 1, 8);
const HOUR = 3_600_000;

describe('actionsForModes', () => {
  it('maps each failure mode to its action, once each', () => {
    expect(actionsForModes(['TWF'])).toEqual(['replace_tool']);
    expect(actionsForModes(['HDF'])).toEqual(['inspect_cooling']);
    expect(actionsForModes(['OSF', 'PWF'])).toEqual(['check_power_settings']);
    expect(actionsForModes(['PWF', 'TWF', 'HDF'])).toEqual([
      'replace_tool',
      'inspect_cooling',
      'check_power_settings',
    ]);
  });

  it('asks for an inspection when no mode points to a cause', () => {
    expect(actionsForModes([])).toEqual(['inspect_machine']);
    expect(actionsForModes(['RNF'])).toEqual(['inspect_machine']);
    expect(actionsForModes(['RNF', 'twf'])).toEqual(['replace_tool']);
  });
});

describe('workOrderPriority', () => {
  const base = { nowMs: NOW, dueAt: NOW } as const;
  it('gives 1 to a high episode on an A or B machine and 2 to an elevated one on B or C', () => {
    expect(workOrderPriority({ ...base, band: 'high', criticality: 'A' })).toBe(1);
    expect(workOrderPriority({ ...base, band: 'high', criticality: 'B' })).toBe(1);
    expect(workOrderPriority({ ...base, band: 'high', criticality: null })).toBe(1);
    expect(workOrderPriority({ ...base, band: 'elevated', criticality: 'A' })).toBe(1);
    expect(workOrderPriority({ ...base, band: 'elevated', criticality: 'B' })).toBe(2);
    expect(workOrderPriority({ ...base, band: 'elevated', criticality: 'C' })).toBe(2);
  });

  it('ranks tool changes by due time and criticality', () => {
    const tool = { band: null, nowMs: NOW } as const;
    expect(workOrderPriority({ ...tool, criticality: 'A', dueAt: NOW - HOUR })).toBe(2);
    expect(workOrderPriority({ ...tool, criticality: 'B', dueAt: NOW + HOUR })).toBe(3);
    expect(workOrderPriority({ ...tool, criticality: 'C', dueAt: NOW + HOUR })).toBe(4);
    expect(workOrderPriority({ ...tool, criticality: 'A', dueAt: NOW + 9 * HOUR })).toBe(3);
    expect(workOrderPriority({ ...tool, criticality: 'A', dueAt: NOW + 9 * HOUR, shiftMs: 10 * HOUR })).toBe(
      2,
    );
    expect(workOrderPriority({ ...tool, criticality: 'C', dueAt: null })).toBe(4);
  });
});

describe('episodeWorkOrders', () => {
  it('asks for one work order per action, due when the risk was seen, with deterministic ids', () => {
    const orders = episodeWorkOrders(
      { episodeId: 'M-1~100', assetId: 'M-1', kind: 'open', band: 'high', modes: ['TWF', 'HDF'], at: NOW },
      'C',
      { nowMs: NOW + 1_000 },
    );
    expect(orders.map((o) => [o.workOrderId, o.action, o.priority, o.dueAt])).toEqual([
      ['M-1~100~replace_tool', 'replace_tool', 2, NOW],
      ['M-1~100~inspect_cooling', 'inspect_cooling', 2, NOW],
    ]);
    expect(orders[0]).toMatchObject({ source: 'episode', episodeId: 'M-1~100' });
    expect(orders[0]?.reason).toContain('high; TWF, HDF');
  });

  it('is due when a horizon episode expects the failure, and says when in its reason', () => {
    const expected = NOW + 2 * 86_400_000;
    const [later] = episodeWorkOrders(
      {
        episodeId: 'M-1~100',
        assetId: 'M-1',
        kind: 'open',
        band: 'high',
        modes: ['TWF'],
        at: NOW,
        expectedFailureAt: expected,
      },
      'C',
      { nowMs: NOW + 1_000 },
    );
    const [now] = episodeWorkOrders(
      {
        episodeId: 'M-1~100',
        assetId: 'M-1',
        kind: 'open',
        band: 'high',
        modes: ['TWF'],
        at: NOW,
        expectedFailureAt: null,
      },
      'C',
      { nowMs: NOW + 1_000 },
    );
    expect(later?.dueAt).toBe(expected);
    expect(later?.reason).toContain(`failure expected ${new Date(expected).toISOString()}`);
    expect(now?.dueAt).toBe(NOW);
    // Due in two days rather than now: less urgent than the same episode without an estimate.
    expect(later?.priority).toBeGreaterThan(now?.priority ?? 0);
  });

  it('gives an escalation its own ids', () => {
    const [order] = episodeWorkOrders(
      { episodeId: 'M-1~100', assetId: 'M-1', kind: 'escalate', band: 'high', modes: [], at: NOW },
      null,
      { nowMs: NOW },
    );
    expect(order?.workOrderId).toBe('M-1~100~inspect_machine~escalate');
    expect(order?.reason).toContain('no failure mode');
  });
});

describe('mergeWorkOrders', () => {
  it('keeps one order per asset and action with the most urgent priority and earliest due time', () => {
    const open = episodeWorkOrders(
      { episodeId: 'M-1~1', assetId: 'M-1', kind: 'open', band: 'elevated', modes: ['TWF'], at: NOW },
      'C',
      { nowMs: NOW },
    );
    const escalate = episodeWorkOrders(
      { episodeId: 'M-1~1', assetId: 'M-1', kind: 'escalate', band: 'high', modes: ['TWF'], at: NOW + 5 },
      'B',
      { nowMs: NOW + 10 },
    );
    const other = episodeWorkOrders(
      { episodeId: 'M-2~1', assetId: 'M-2', kind: 'open', band: 'elevated', modes: ['TWF'], at: NOW },
      'C',
      { nowMs: NOW },
    );
    const merged = mergeWorkOrders([...open, ...escalate, ...other]);
    expect(merged.map((o) => [o.workOrderId, o.priority, o.dueAt])).toEqual([
      ['M-1~1~replace_tool', 1, NOW],
      ['M-2~1~replace_tool', 2, NOW],
    ]);
    expect(merged[0]?.reason).toContain('escalated to high');
    const noDue = mergeWorkOrders([
      { ...other[0]!, dueAt: null, episodeId: null },
      { ...other[0]!, dueAt: null, priority: 1 },
    ]);
    expect(noDue).toEqual([{ ...other[0]!, dueAt: null, priority: 1 }]);
  });

  it('names the active key after asset and action', () => {
    expect(workOrderActiveKey('M-1', 'replace_tool')).toBe('M-1|replace_tool');
  });
});

describe('toolLifeWorkOrder', () => {
  it('plans a tool change due within the horizon, none later', () => {
    const due = { assetId: 'L-7', dueAt: NOW + 2 * HOUR, criticality: 'A' as const };
    expect(toolLifeWorkOrder(due, { nowMs: NOW })).toMatchObject({
      workOrderId: `L-7~tool~${String(NOW + 2 * HOUR)}`,
      action: 'replace_tool',
      source: 'tool_life',
      episodeId: null,
      priority: 2,
    });
    expect(toolLifeWorkOrder({ ...due, dueAt: NOW + 9 * HOUR }, { nowMs: NOW })).toBeNull();
    expect(
      toolLifeWorkOrder({ ...due, dueAt: NOW + 9 * HOUR }, { nowMs: NOW, horizonMs: 10 * HOUR }),
    ).not.toBeNull();
    expect(toolLifeWorkOrder({ ...due, dueAt: NOW - HOUR }, { nowMs: NOW })?.priority).toBe(2);
  });
});

describe('nextWorkOrderState', () => {
  it('allows open → planned → done and cancelling active ones', () => {
    expect(nextWorkOrderState('open', 'plan')).toBe('planned');
    expect(nextWorkOrderState('planned', 'plan')).toBe('planned');
    expect(nextWorkOrderState('open', 'done')).toBe('done');
    expect(nextWorkOrderState('planned', 'done')).toBe('done');
    expect(nextWorkOrderState('planned', 'cancel')).toBe('cancelled');
  });

  it('refuses any transition out of done or cancelled', () => {
    for (const t of ['plan', 'done', 'cancel'] as const) {
      expect(nextWorkOrderState('done', t)).toBeNull();
      expect(nextWorkOrderState('cancelled', t)).toBeNull();
    }
  });
});

describe('wearSinceReplacement', () => {
  const at = NOW;
  it('is the reading as is without a replacement', () => {
    expect(
      wearSinceReplacement({
        latestWearMin: 150,
        latestAt: at,
        replacedAt: null,
        wearAtReplacementMin: null,
      }),
    ).toBe(150);
  });
  it('is 0 when the latest reading is older than the replacement', () => {
    expect(
      wearSinceReplacement({
        latestWearMin: 190,
        latestAt: at,
        replacedAt: at + 1,
        wearAtReplacementMin: 190,
      }),
    ).toBe(0);
  });
  it('subtracts the wear at replacement when the counter went on', () => {
    expect(
      wearSinceReplacement({
        latestWearMin: 215,
        latestAt: at + 10,
        replacedAt: at,
        wearAtReplacementMin: 190,
      }),
    ).toBe(25);
  });
  it('takes a counter the machine reset itself as is', () => {
    expect(
      wearSinceReplacement({
        latestWearMin: 12,
        latestAt: at + 10,
        replacedAt: at,
        wearAtReplacementMin: 190,
      }),
    ).toBe(12);
    expect(
      wearSinceReplacement({
        latestWearMin: 12,
        latestAt: at + 10,
        replacedAt: at,
        wearAtReplacementMin: null,
      }),
    ).toBe(12);
  });
});
