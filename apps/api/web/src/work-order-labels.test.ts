import { describe, expect, it } from 'vitest';
import { workOrderActionLabel, workOrderStateLabel } from './work-order-labels.js';

describe('work order labels', () => {
  it('reads actions and states from the domain labels, unknown names as sent', () => {
    expect(workOrderActionLabel('replace_tool')).toBe('Replace tool');
    expect(workOrderActionLabel('check_power_settings')).toBe('Check power / overstrain settings');
    expect(workOrderActionLabel('paint_it')).toBe('paint_it');
    expect(workOrderStateLabel('planned')).toBe('Planned');
    expect(workOrderStateLabel('toString')).toBe('toString');
  });
});
