import type { SigmaString } from './sigma-string.js'
import type { IpNetwork } from './cidr.js'

/** The typed values a detection item holds while its modifier chain is applied. */
export type SigmaValue =
  | SigmaString
  | SigmaNumber
  | SigmaBoolean
  | SigmaNull
  | SigmaRegex
  | SigmaCidr
  | SigmaExists
  | SigmaCompare
  | SigmaTimePart
  | SigmaFieldRef
  | SigmaExpansion

export type ValueType = SigmaValue['type']

export interface SigmaNumber {
  readonly type: 'number'
  readonly value: number
}
export interface SigmaBoolean {
  readonly type: 'boolean'
  readonly value: boolean
}
/** `field: null`: the field is absent or JSON null. */
export interface SigmaNull {
  readonly type: 'null'
}
/** `|re`: JavaScript source (already translated from Python syntax) and flags among `i m s`. */
export interface SigmaRegex {
  readonly type: 're'
  /** The regular expression as written in the rule. */
  readonly pattern: string
  /** Flags set by `|i`, `|m`, `|s` (inline leading groups are merged when compiled). */
  readonly flags: string
}
export interface SigmaCidr {
  readonly type: 'cidr'
  readonly network: IpNetwork
}
/** `|exists: true|false`. */
export interface SigmaExists {
  readonly type: 'exists'
  readonly value: boolean
}
export type CompareOp = 'lt' | 'lte' | 'gt' | 'gte'
/** `|lt`, `|lte`, `|gt`, `|gte` on a number. */
export interface SigmaCompare {
  readonly type: 'compare'
  readonly op: CompareOp
  readonly value: number
}
export type TimePartName = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year'
/** `|hour: 3` (op `eq`) or `|hour|gte: 22`: a part of a timestamp field compared with a number. */
export interface SigmaTimePart {
  readonly type: 'timepart'
  readonly part: TimePartName
  readonly op: CompareOp | 'eq'
  readonly value: number
}
export type FieldRefShape = 'exact' | 'contains' | 'startswith' | 'endswith'
/** `|fieldref`: compare with another field of the same event. */
export interface SigmaFieldRef {
  readonly type: 'fieldref'
  readonly field: string
  readonly shape: FieldRefShape
  readonly cased: boolean
}
/** Alternatives produced by one value (windash, base64offset, expand): OR-linked even under `|all`. */
export interface SigmaExpansion {
  readonly type: 'expansion'
  readonly values: readonly SigmaValue[]
}
