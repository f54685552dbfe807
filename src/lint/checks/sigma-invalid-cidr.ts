import { valueText } from '../check-utils.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'invalid' | 'hostBits'

/** Parses an IPv4 or IPv6 address into a bigint and its bit width. */
function parseAddress(s: string): { value: bigint; bits: number } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) {
    const parts = s.split('.')
    if (parts.some((p) => Number(p) > 255 || (p.length > 1 && p.startsWith('0')))) return undefined
    return { value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n), bits: 32 }
  }
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return undefined
  const halves = s.split('::')
  if (halves.length > 2) return undefined
  const groups = (h: string): string[] => (h === '' ? [] : h.split(':'))
  const head = groups(halves[0] as string)
  const tail = halves.length === 2 ? groups(halves[1] as string) : []
  const all = halves.length === 2 ? [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail] : head
  if (all.length !== 8 || all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined
  return { value: all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n), bits: 128 }
}

export default defineCheck<MessageIds>({
  id: 'sigma-invalid-cidr',
  meta: {
    kind: 'problem',
    description: 'Values of `|cidr` items must be IPv4/IPv6 networks without host bits set.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: {
      invalid: "'{{value}}' is not an IPv4 or IPv6 network",
      hostBits: "'{{value}}' has host bits set; the network is {{network}}",
    },
  },
  create(ctx) {
    return {
      value(v) {
        if (v.item.modifiers[0] !== 'cidr') return
        const text = valueText(v.value)
        const [addr, len, extra] = text.split('/')
        const a = parseAddress(addr ?? '')
        const bits = len === undefined ? a?.bits : /^\d{1,3}$/.test(len) ? Number(len) : NaN
        if (a === undefined || extra !== undefined || bits === undefined || !(bits >= 0 && bits <= a.bits)) {
          ctx.report({ at: { path: v.path }, messageId: 'invalid', data: { value: text } })
          return
        }
        const hostMask = (1n << BigInt(a.bits - bits)) - 1n
        if ((a.value & hostMask) !== 0n) {
          const net = a.value & ~hostMask
          const network =
            a.bits === 32
              ? [24n, 16n, 8n, 0n].map((s) => String((net >> s) & 255n)).join('.')
              : Array.from({ length: 8 }, (_, i) => ((net >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':')
          ctx.report({ at: { path: v.path }, messageId: 'hostBits', data: { value: text, network: `${network}/${bits}` } })
        }
      },
    }
  },
})
