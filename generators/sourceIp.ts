import { check, drawn, weighted, type Gen } from './_internals/gen.js'

export interface SourceIpConstraints {
  /**
   * `public`: a client on the internet (RFC 5737 documentation ranges); `vpc`: a private
   * address (nodes, private endpoints, pods); `loopback`: the control plane talking to itself.
   * @defaultValue `['public', 'vpc']`
   */
  kinds?: readonly ('public' | 'vpc' | 'loopback')[]
}

/** The trustworthy (last) entry of `sourceIPs`. */
export function sourceIp(constraints: SourceIpConstraints = {}): Gen<string> {
  const kinds = constraints.kinds ?? ['public', 'vpc']
  check('sourceIp', kinds.length > 0 && kinds.every((k) => k === 'public' || k === 'vpc' || k === 'loopback'), `kinds must be a non-empty list of public, vpc, loopback (got ${JSON.stringify(kinds)})`)
  const make = {
    public: drawn((r) => `${['192.0.2', '198.51.100', '203.0.113'][r.int(0, 2)]}.${r.int(1, 254)}`),
    vpc: drawn((r) => (r.double() < 0.7 ? `10.${r.int(0, 3)}.${r.int(0, 255)}.${r.int(2, 254)}` : `172.${r.int(16, 31)}.${r.int(0, 255)}.${r.int(2, 254)}`)),
    loopback: drawn((r) => (r.double() < 0.8 ? '127.0.0.1' : '::1')),
  }
  return weighted(...kinds.map((k) => [1, make[k]] as const))
}
