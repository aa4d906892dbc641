import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, parseProcNetTcp } from './listening-sockets.js';

const HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';

describe('parseProcNetTcp', () => {
  it('reads the IPv4 listening sockets and skips connections in other states', () => {
    const text = [
      HEADER,
      '   0: 0100007F:33FA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 13959 1',
      '   1: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1189 1',
      '   2: 0100007F:33FA 0100007F:D2B4 01 00000000:00000000 00:00000000 00000000     0        0 1190 1',
    ].join('\n');
    expect(parseProcNetTcp(text)).toEqual([
      { address: '127.0.0.1', port: 13_306 },
      { address: '0.0.0.0', port: 2_024 },
    ]);
  });

  it('reads IPv6 loopback, any and IPv4-mapped listening sockets', () => {
    const text = [
      HEADER,
      '   0: 00000000000000000000000001000000:1111 00000000000000000000000000000000:0000 0A 0',
      '   1: 0000000000000000FFFF00000100007F:4A94 00000000000000000000000000000000:0000 0A 0',
      '   2: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 0',
      '   3: B80D0120000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 0',
    ].join('\n');
    expect(parseProcNetTcp(text)).toEqual([
      { address: '::1', port: 4_369 },
      { address: '::ffff:127.0.0.1', port: 19_092 },
      { address: '::', port: 8_080 },
      { address: '2001:db8:0:0:0:0:0:1', port: 80 },
    ]);
  });
});

describe('isLoopbackAddress', () => {
  it('accepts only addresses no other machine can reach', () => {
    for (const a of ['127.0.0.1', '127.0.0.53', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['0.0.0.0', '::', '10.0.0.5', '::ffff:10.0.0.5', '2001:db8:0:0:0:0:0:1']) {
      expect(isLoopbackAddress(a)).toBe(false);
    }
  });
});
