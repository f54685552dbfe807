import { BlockList, isIP } from 'node:net'

/**
 * The Condition vocabulary of Simple Detections (panther.md §2.4) and what each one means here.
 * Every `DoesNot…` / `IsNot…` condition is the negation of its positive form, so a missing field
 * satisfies the negative forms. `I…` forms compare strings case-insensitively.
 */
export type Arity = 'value' | 'values' | 'none'

interface ConditionDef {
  arity: Arity
  test: (actual: unknown, expected: unknown) => boolean
}

const isStr = (v: unknown): v is string => typeof v === 'string'
const lower = (v: unknown): unknown => (typeof v === 'string' ? v.toLowerCase() : v)

/** Type-and-value equality: 1 == 1.0, "1" != 1, true != 1. Lists and maps compare structurally. */
export function same(a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b) return false
  if (a === null || typeof a !== 'object' || b === null) return a === b
  return JSON.stringify(a) === JSON.stringify(b)
}

function contains(actual: unknown, expected: unknown, fold: boolean): boolean {
  if (isStr(actual) && isStr(expected)) {
    return fold ? actual.toLowerCase().includes(expected.toLowerCase()) : actual.includes(expected)
  }
  if (Array.isArray(actual)) return actual.some((a) => (fold ? same(lower(a), lower(expected)) : same(a, expected)))
  return false
}

function strTest(fn: (a: string, e: string) => boolean, fold: boolean) {
  return (actual: unknown, expected: unknown): boolean => {
    if (!isStr(actual) || !isStr(expected)) return false
    return fold ? fn(actual.toLowerCase(), expected.toLowerCase()) : fn(actual, expected)
  }
}

function numTest(fn: (a: number, e: number) => boolean) {
  return (actual: unknown, expected: unknown): boolean =>
    typeof actual === 'number' && typeof expected === 'number' && fn(actual, expected)
}

const empty = (v: unknown): boolean =>
  v === null ||
  v === undefined ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && Object.keys(v).length === 0)

// Python's ipaddress is_private ranges; "public" is is_global (neither private nor 100.64/10).
// One list per family: Node's BlockList matches IPv4 addresses against IPv4-mapped IPv6 rules.
const PRIVATE4 = new BlockList()
const PRIVATE6 = new BlockList()
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 29], ['192.0.0.170', 31], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['240.0.0.0', 4], ['255.255.255.255', 32],
] as const) PRIVATE4.addSubnet(net, bits, 'ipv4')
for (const [net, bits] of [
  ['::1', 128], ['::', 128], ['::ffff:0:0', 96], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['2001:10::', 28], ['fc00::', 7], ['fe80::', 10],
] as const) PRIVATE6.addSubnet(net, bits, 'ipv6')
const SHARED = new BlockList()
SHARED.addSubnet('100.64.0.0', 10, 'ipv4')

const isPrivate = (ip: string, kind: 'ipv4' | 'ipv6'): boolean => (kind === 'ipv4' ? PRIVATE4 : PRIVATE6).check(ip, kind)

const ipKind = (v: unknown): 'ipv4' | 'ipv6' | undefined => {
  if (!isStr(v)) return undefined
  const k = isIP(v)
  return k === 4 ? 'ipv4' : k === 6 ? 'ipv6' : undefined
}

function inCidr(actual: unknown, cidr: unknown): boolean {
  const kind = ipKind(actual)
  if (!kind || !isStr(cidr)) return false
  const [net, bitsText] = cidr.split('/')
  const netKind = ipKind(net)
  if (netKind !== kind || net === undefined) return false
  const bits = bitsText === undefined ? (kind === 'ipv4' ? 32 : 128) : Number(bitsText)
  if (!Number.isInteger(bits)) return false
  const list = new BlockList()
  list.addSubnet(net, bits, kind)
  return list.check(actual as string, kind)
}

const POSITIVE: Record<string, ConditionDef> = {
  Equals: { arity: 'value', test: same },
  IEquals: { arity: 'value', test: (a, e) => same(lower(a), lower(e)) },
  StartsWith: { arity: 'value', test: strTest((a, e) => a.startsWith(e), false) },
  IStartsWith: { arity: 'value', test: strTest((a, e) => a.startsWith(e), true) },
  EndsWith: { arity: 'value', test: strTest((a, e) => a.endsWith(e), false) },
  IEndsWith: { arity: 'value', test: strTest((a, e) => a.endsWith(e), true) },
  Contains: { arity: 'value', test: (a, e) => contains(a, e, false) },
  IContains: { arity: 'value', test: (a, e) => contains(a, e, true) },
  Has: { arity: 'value', test: (a, e) => contains(a, e, false) },
  IHas: { arity: 'value', test: (a, e) => contains(a, e, true) },
  IsGreaterThan: { arity: 'value', test: numTest((a, e) => a > e) },
  IsGreaterThanOrEquals: { arity: 'value', test: numTest((a, e) => a >= e) },
  IsLessThan: { arity: 'value', test: numTest((a, e) => a < e) },
  IsLessThanOrEquals: { arity: 'value', test: numTest((a, e) => a <= e) },
  IsIn: { arity: 'values', test: (a, e) => Array.isArray(e) && e.some((x) => same(a, x)) },
  IIsIn: { arity: 'values', test: (a, e) => Array.isArray(e) && e.some((x) => same(lower(a), lower(x))) },
  IsIPAddressInCIDR: {
    arity: 'value',
    test: (a, e) => (Array.isArray(e) ? e.some((c) => inCidr(a, c)) : inCidr(a, e)),
  },
  Exists: { arity: 'none', test: () => true /* decided by presence, see evaluate */ },
  IsNull: { arity: 'none', test: (a) => a === null || a === undefined },
  IsNullOrEmpty: { arity: 'none', test: empty },
  IsIPAddress: { arity: 'none', test: (a) => ipKind(a) !== undefined },
  IsIPv4Address: { arity: 'none', test: (a) => ipKind(a) === 'ipv4' },
  IsIPv6Address: { arity: 'none', test: (a) => ipKind(a) === 'ipv6' },
  IsIPAddressPrivate: {
    arity: 'none',
    test: (a) => {
      const k = ipKind(a)
      return k !== undefined && isPrivate(a as string, k)
    },
  },
  IsIPAddressPublic: {
    arity: 'none',
    test: (a) => {
      const k = ipKind(a)
      return k !== undefined && !isPrivate(a as string, k) && !(k === 'ipv4' && SHARED.check(a as string, 'ipv4'))
    },
  },
}

/** Negative names → the positive condition they negate. */
const NEGATIVE: Record<string, string> = {
  DoesNotEqual: 'Equals',
  IDoesNotEqual: 'IEquals',
  DoesNotStartWith: 'StartsWith',
  IDoesNotStartWith: 'IStartsWith',
  DoesNotEndWith: 'EndsWith',
  IDoesNotEndWith: 'IEndsWith',
  DoesNotContain: 'Contains',
  IDoesNotContain: 'IContains',
  DoesNotHave: 'Has',
  IDoesNotHave: 'IHas',
  IsNotIn: 'IsIn',
  IIsNotIn: 'IIsIn',
  IsIPAddressNotInCIDR: 'IsIPAddressInCIDR',
  DoesNotExist: 'Exists',
  IsNotNull: 'IsNull',
  IsNotNullOrEmpty: 'IsNullOrEmpty',
  IsNotIPAddress: 'IsIPAddress',
}

/** Spellings seen in the wild for the same condition (panther-analysis AGENTS.md vs fixtures). */
const ALIASES: Record<string, string> = {
  IsGreaterThanOrEqual: 'IsGreaterThanOrEquals',
  IsLessThanOrEqual: 'IsLessThanOrEquals',
}

export const LIST_CONDITIONS = ['AnyElement', 'AllElements', 'NoElement', 'OnlyOneElement'] as const
export const ABSOLUTE_CONDITIONS = ['AlwaysTrue', 'AlwaysFalse'] as const

export interface Condition {
  name: string
  arity: Arity
  negated: boolean
  /** Presence-only condition (Exists / DoesNotExist). */
  presence: boolean
  test(actual: unknown, expected: unknown): boolean
}

export function conditionNames(): string[] {
  return [...Object.keys(POSITIVE), ...Object.keys(NEGATIVE), ...Object.keys(ALIASES)].sort()
}

export function lookupCondition(name: string): Condition | undefined {
  const canonical = ALIASES[name] ?? name
  const positiveName = NEGATIVE[canonical] ?? canonical
  const def = POSITIVE[positiveName]
  if (!def) return undefined
  return {
    name: canonical,
    arity: def.arity,
    negated: canonical in NEGATIVE,
    presence: positiveName === 'Exists',
    test: def.test,
  }
}
