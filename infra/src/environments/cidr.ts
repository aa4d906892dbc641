/** A parsed IPv4 CIDR block: first address as an unsigned 32-bit number and the prefix length. */
export interface Ipv4Cidr {
  readonly base: number;
  readonly prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses a dotted IPv4 address; undefined when malformed. */
export function parseIpv4(text: string): number | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((acc, o) => acc * 256 + o, 0);
}

/** Parses `a.b.c.d/n`; undefined when malformed or when host bits are set (OCI rejects those). */
export function parseCidr(text: string): Ipv4Cidr | undefined {
  const [address, prefixText, ...rest] = text.split('/');
  if (address === undefined || prefixText === undefined || rest.length > 0 || !/^\d{1,2}$/.test(prefixText)) {
    return undefined;
  }
  const prefix = Number(prefixText);
  const base = parseIpv4(address);
  if (base === undefined || prefix > 32) return undefined;
  if (base % blockSize(prefix) !== 0) return undefined;
  return { base, prefix };
}

function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return (
    inner.prefix >= outer.prefix &&
    inner.base >= outer.base &&
    inner.base < outer.base + blockSize(outer.prefix)
  );
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.base < b.base + blockSize(b.prefix) && b.base < a.base + blockSize(a.prefix);
}

/** True when `address` is a usable host of `cidr` (OCI reserves the first two and the last address). */
export function isUsableHost(cidr: Ipv4Cidr, address: number): boolean {
  return address >= cidr.base + 2 && address < cidr.base + blockSize(cidr.prefix) - 1;
}
