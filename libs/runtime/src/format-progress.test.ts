import { describe, expect, it } from 'vitest';
import { formatClock, formatCount, formatSeconds } from './format-progress.js';

describe('formatCount', () => {
  it('rounds and groups thousands with commas whatever the locale', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1_234_567.6)).toBe('1,234,568');
  });
});

describe('formatSeconds', () => {
  it('prints milliseconds as seconds with one decimal, or as asked', () => {
    expect(formatSeconds(3_449)).toBe('3.4 s');
    expect(formatSeconds(61_600, 0)).toBe('62 s');
  });
});

describe('formatClock', () => {
  it('prints m:ss below an hour and h:mm:ss above, --:-- when unknown', () => {
    expect(formatClock(42)).toBe('0:42');
    expect(formatClock(3_725)).toBe('1:02:05');
    expect(formatClock(Number.NaN)).toBe('--:--');
    expect(formatClock(-1)).toBe('--:--');
  });
});
