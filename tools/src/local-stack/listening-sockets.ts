import { readFileSync } from 'node:fs';

/** A TCP socket in LISTEN state: the local address it is bound to and its port. */
export interface ListeningSocket {
  /** `127.0.0.1`, `0.0.0.0`, `::1`, `::`, `::ffff:127.0.0.1` (IPv6 without zero compression but `::` prefixes). */
  readonly address: string;
  readonly port: number;
}

/** State code of LISTEN in /proc/net/tcp (include/net/tcp_states.h: TCP_LISTEN = 10). */
const LISTEN = '0A';

/** A 32-bit word of /proc/net/tcp: hex of the kernel's in-memory (little-endian on x86 and arm64) bytes. */
function wordBytes(hex: string): number[] {
  const bytes = [0, 2, 4, 6].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return bytes.reverse();
}

function ipv6Text(bytes: readonly number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${bytes.slice(12).join('.')}`;
  }
  if (groups.slice(0, 7).every((g) => g === 0))
    return groups[7] === 0 ? '::' : `::${groups[7]?.toString(16) ?? ''}`;
  return groups.map((g) => g.toString(16)).join(':');
}

/** The listening sockets of one /proc/net/tcp or /proc/net/tcp6 text (Linux). */
export function parseProcNetTcp(text: string): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const [, local, , state] = line.trim().split(/\s+/);
    if (local === undefined || state !== LISTEN) continue;
    const [hexAddress = '', hexPort = ''] = local.split(':');
    const port = Number.parseInt(hexPort, 16);
    if (hexAddress.length === 8) {
      sockets.push({ address: wordBytes(hexAddress).join('.'), port });
    } else if (hexAddress.length === 32) {
      const bytes = [0, 8, 16, 24].flatMap((i) => wordBytes(hexAddress.slice(i, i + 8)));
      sockets.push({ address: ipv6Text(bytes), port });
    }
  }
  return sockets;
}

/** Whether a listening address is reachable from this machine only. */
export function isLoopbackAddress(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address);
}

/** Every TCP listening socket of this machine (Linux /proc; other systems have none to read). */
export function listeningSockets(
  read: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): ListeningSocket[] {
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((path) => parseProcNetTcp(read(path)));
}
