import { describe, expect, it } from 'vitest';
import { parsePidFile } from './process-control.js';

describe('parsePidFile', () => {
  it('reads a pid written with or without a newline', () => {
    expect(parsePidFile('4242\n')).toBe(4242);
    expect(parsePidFile(' 17 ')).toBe(17);
  });

  it('treats empty, garbage and init/kernel pids as no pid (never signal pid 0 or 1)', () => {
    expect(parsePidFile('')).toBeUndefined();
    expect(parsePidFile('abc')).toBeUndefined();
    expect(parsePidFile('-1')).toBeUndefined();
    expect(parsePidFile('1')).toBeUndefined();
    expect(parsePidFile('0')).toBeUndefined();
  });
});
