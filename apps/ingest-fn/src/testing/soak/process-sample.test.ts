import { describe, expect, it } from 'vitest';
import { parseHeapFloorBytes, parseVmRssBytes } from './process-sample.js';

describe('parseVmRssBytes', () => {
  it('reads the VmRSS line of /proc/<pid>/status in bytes', () => {
    const status = 'Name:\tnode\nVmPeak:\t  999 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 1000 kB\n';
    expect(parseVmRssBytes(status)).toBe(123_456 * 1024);
  });

  it('is NaN without a VmRSS line (a zombie has none)', () => {
    expect(parseVmRssBytes('Name:\tnode\nState:\tZ (zombie)\n')).toBeNaN();
  });
});

describe('parseHeapFloorBytes', () => {
  it("reads the heap probe's floor", () => {
    expect(parseHeapFloorBytes('{"pid":1,"heapUsedBytes":9,"heapFloorBytes":5}')).toBe(5);
  });

  it('is NaN for a probe file without a usable floor', () => {
    expect(parseHeapFloorBytes('{"heapFloorBytes":"5"}')).toBeNaN();
    expect(parseHeapFloorBytes('{"heapFloorBytes":-1}')).toBeNaN();
    expect(parseHeapFloorBytes('null')).toBeNaN();
  });
});
