/** IPv4/IPv6 addresses and CIDR blocks for IpAddress / NotIpAddress. */

export interface Cidr {
  v6: boolean;
  /** Address as a bigint (v4: 32 bits, v6: 128 bits), already masked. */
  network: bigint;
  prefix: number;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseV6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.split('::').length > 2) return undefined;
  let groups: string[];
  let tailV4: bigint | undefined;
  const lastColon = s.lastIndexOf(':');
  let text = s;
  if (s.slice(lastColon + 1).includes('.')) {
    tailV4 = parseV4(s.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    text = s.slice(0, lastColon + 1) + '0:0';
  }
  const want = 8;
  if (text.includes('::')) {
    const [head, tail] = text.split('::') as [string, string];
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    if (h.length + t.length >= want) return undefined;
    groups = [...h, ...Array(want - h.length - t.length).fill('0'), ...t];
  } else {
    groups = text.split(':');
  }
  if (groups.length !== want) return undefined;
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== undefined) n = (n & ~0xffffffffn) | tailV4;
  return n;
}

/** Parses `a.b.c.d[/n]` or an IPv6 address with optional prefix; no prefix means a single host. */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined || !addr) return undefined;
  const v6 = addr.includes(':');
  const value = v6 ? parseV6(addr) : parseV4(addr);
  if (value === undefined) return undefined;
  const bits = v6 ? 128 : 32;
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return undefined;
    prefix = Number(prefixText);
  }
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  return { v6, network: value & mask, prefix };
}

/** True when the address (text) lies in the block. Different families never match. */
const addressCache = new Map<string, Cidr | null>();

function parseAddress(address: string): Cidr | undefined {
  let a = addressCache.get(address);
  if (a === undefined) {
    if (addressCache.size > 10_000) addressCache.clear();
    a = parseCidr(address) ?? null;
    addressCache.set(address, a);
  }
  return a ?? undefined;
}

export function cidrContains(block: Cidr, address: string): boolean {
  const a = parseAddress(address);
  if (!a || a.v6 !== block.v6) return false;
  const bits = block.v6 ? 128 : 32;
  const mask = block.prefix === 0 ? 0n : ((1n << BigInt(block.prefix)) - 1n) << BigInt(bits - block.prefix);
  return (a.network & mask) === block.network;
}
