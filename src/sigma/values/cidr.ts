/**
 * IPv4 / IPv6 addresses and networks for `|cidr`. Addresses are held as bigint so both
 * families share one membership test.
 */

export interface IpNetwork {
  readonly version: 4 | 6
  readonly base: bigint
  readonly prefix: number
  /** The network as written after normalisation, e.g. `10.0.0.0/8`. */
  readonly text: string
}

export interface IpAddress {
  readonly version: 4 | 6
  readonly value: bigint
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

function parseV4(text: string): bigint | undefined {
  const m = V4.exec(text)
  if (!m) return undefined
  let out = 0n
  for (let i = 1; i <= 4; i++) {
    const part = m[i] as string
    // Python's ipaddress rejects leading zeros (ambiguous octal); so do we.
    if (part.length > 1 && part.startsWith('0')) return undefined
    const n = Number(part)
    if (n > 255) return undefined
    out = (out << 8n) | BigInt(n)
  }
  return out
}

function parseV6(input: string): bigint | undefined {
  let text = input
  const zone = text.indexOf('%')
  if (zone >= 0) {
    if (zone === text.length - 1) return undefined // Python: an empty scope id is invalid
    text = text.slice(0, zone)
  }
  if (text === '' || !/^[0-9A-Fa-f:.]+$/.test(text)) return undefined
  let tailV4: bigint | undefined
  const lastColon = text.lastIndexOf(':')
  if (text.includes('.')) {
    tailV4 = parseV4(text.slice(lastColon + 1))
    if (tailV4 === undefined) return undefined
    text = text.slice(0, lastColon + 1) + '0:0'
  }
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const parse = (s: string): number[] | undefined => {
    if (s === '') return []
    const groups = s.split(':')
    const out: number[] = []
    for (const g of groups) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined
      out.push(parseInt(g, 16))
    }
    return out
  }
  const head = parse(halves[0] as string)
  const tail = halves.length === 2 ? parse(halves[1] as string) : []
  if (!head || !tail) return undefined
  let groups: number[]
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length
    if (missing < 1) return undefined
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail]
  } else {
    groups = head
  }
  if (groups.length !== 8) return undefined
  let out = 0n
  for (const g of groups) out = (out << 16n) | BigInt(g)
  if (tailV4 !== undefined) out = (out & ~0xffffffffn) | tailV4
  return out
}

/** Parses an IPv4 or IPv6 address (an IPv6 zone suffix `%eth0` is ignored). */
export function parseIpAddress(text: string): IpAddress | undefined {
  const v4 = parseV4(text)
  if (v4 !== undefined) return { version: 4, value: v4 }
  if (!text.includes(':')) return undefined
  const v6 = parseV6(text)
  return v6 === undefined ? undefined : { version: 6, value: v6 }
}

/**
 * An IPv4 netmask (`255.0.0.0`) or hostmask (`0.255.255.255`) as a prefix length, as Python's
 * `ip_network('10.0.0.0/255.0.0.0')` accepts them; undefined for anything else.
 */
function maskPrefix(text: string): number | undefined {
  const m = parseV4(text)
  if (m === undefined) return undefined
  const netmask = (len: number) => (len === 0 ? 0n : ((1n << BigInt(len)) - 1n) << BigInt(32 - len))
  // Python tries the netmask reading first (so 255.255.255.255 is /32, 0.0.0.0 is /0).
  for (let len = 0; len <= 32; len++) if (m === netmask(len)) return len
  for (let len = 0; len <= 32; len++) if (m === (~netmask(len) & 0xffffffffn)) return len
  return undefined
}

/**
 * Parses a network strictly, like Python's `ip_network(text)`: host bits must be zero; a bare
 * address is a /32 (IPv4) or /128 (IPv6). Returns an error message on failure.
 */
export function parseIpNetwork(text: string): IpNetwork | string {
  const slash = text.indexOf('/')
  const addrText = slash < 0 ? text : text.slice(0, slash)
  const addr = parseIpAddress(addrText)
  if (!addr) return `'${text}' is not an IPv4 or IPv6 network`
  const bits = addr.version === 4 ? 32 : 128
  let prefix = bits
  if (slash >= 0) {
    const p = text.slice(slash + 1)
    const mask = addr.version === 4 ? maskPrefix(p) : undefined
    if (mask !== undefined) prefix = mask
    else if (!/^\d{1,3}$/.test(p) || Number(p) > bits) return `'${text}' has an invalid prefix length`
    else prefix = Number(p)
  }
  const hostMask = (1n << BigInt(bits - prefix)) - 1n
  if ((addr.value & hostMask) !== 0n) return `'${text}' has host bits set`
  return { version: addr.version, base: addr.value, prefix, text: slash < 0 ? `${addrText}/${bits}` : text }
}

/** Whether the address lies in the network (different IP versions never match). */
export function networkContains(network: IpNetwork, addr: IpAddress): boolean {
  if (network.version !== addr.version) return false
  const bits = network.version === 4 ? 32 : 128
  const shift = BigInt(bits - network.prefix)
  return addr.value >> shift === network.base >> shift
}
