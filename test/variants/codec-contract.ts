/**
 * The contract every codec passes (style.md item 10, after fast-check's ArbitraryAssertions):
 * encoding is deterministic; a record, when there is one, validates against the variant's schema;
 * `decode(encode(e))` equals `project(e)` (what the variant keeps); every carried field survives
 * unchanged; `carries` and `loses` together name every canonical field.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AuditEvent, ClusterContext } from '../../src/model/audit-event.js'
import type { EncodeOptions, Variant } from '../../src/model/variant.js'
import { noRecordReason } from '../../src/variants/no-record.js'
import { project } from '../../src/variants/project.js'
import { ALL_CONTEXT_FIELDS, ALL_EVENT_FIELDS } from '../../src/variants/shared/fields.js'
import { validateRecord } from '../../src/variants/validate.js'
import { arbAuditEvent, arbClusterContext } from './arbitrary.js'

function get(value: unknown, path: string): unknown {
  let node = value
  for (const seg of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[seg]
  }
  return node
}

export interface ContractOptions {
  options?: EncodeOptions
  numRuns?: number
  events?: fc.Arbitrary<AuditEvent>
  contexts?: fc.Arbitrary<ClusterContext>
}

export function codecContract(variant: Variant, contract: ContractOptions = {}): void {
  const options = contract.options ?? {}
  const events = contract.events ?? arbAuditEvent
  const contexts = contract.contexts ?? arbClusterContext
  const params = { numRuns: contract.numRuns ?? 300, seed: 4242 }
  const label = `${variant.id}${Object.keys(options).length ? ` ${JSON.stringify(options)}` : ''}`

  describe(`codec contract: ${label}`, () => {
    it('carries and loses name every canonical field, none twice', () => {
      const declared = [...variant.carries, ...variant.loses.filter((f) => !f.includes('['))]
      for (const f of [...ALL_EVENT_FIELDS, ...ALL_CONTEXT_FIELDS]) {
        const covered = declared.some((d) => d === f || f.startsWith(`${d}.`))
        expect(covered, `${variant.id} declares neither carries nor loses for ${f}`).toBe(true)
      }
      const overlap = variant.carries.filter((c) => variant.loses.includes(c))
      expect(overlap).toEqual([])
    })

    it('encodes deterministically', () => {
      fc.assert(
        fc.property(events, contexts, (e, c) => {
          expect(JSON.stringify(variant.encode(e, c, options))).toBe(JSON.stringify(variant.encode(structuredClone(e), structuredClone(c), options)))
        }),
        params,
      )
    })

    it('says why exactly when it writes no record', () => {
      fc.assert(
        fc.property(events, contexts, (e, c) => {
          const record = variant.encode(e, c, options)
          const reason = noRecordReason(e, c, variant.id, options)
          expect(record === null, reason ?? 'no reason given').toBe(reason !== undefined)
        }),
        params,
      )
    })

    it('writes records that validate against its schema', () => {
      fc.assert(
        fc.property(events, contexts, (e, c) => {
          const record = variant.encode(e, c, options)
          if (record !== null) expect(validateRecord(variant.id, record)).toEqual([])
        }),
        params,
      )
    })

    it('decode(encode(e)) is e projected onto what the variant carries', () => {
      fc.assert(
        fc.property(events, contexts, (e, c) => {
          const record = variant.encode(e, c, options)
          const expected = project(e, c, variant.id, options)
          if (record === null) {
            expect(expected).toBeNull()
            return
          }
          expect(expected).not.toBeNull()
          const decoded = variant.decode(JSON.parse(JSON.stringify(record)))
          expect(decoded.event).toEqual(expected!.event)
          expect(decoded.context).toEqual(expected!.context)
        }),
        params,
      )
    })

    it('keeps every carried field unchanged', () => {
      fc.assert(
        fc.property(events, contexts, (e, c) => {
          const record = variant.encode(e, c, options)
          if (record === null) return
          const decoded = variant.decode(record)
          for (const f of variant.carries) {
            if (f.startsWith('context.')) continue // context placeholders and case are part of the projection
            if (f === 'requestObject' || f === 'responseObject') {
              const v = get(e, f)
              if (v !== undefined && (typeof v !== 'object' || Array.isArray(v))) continue // bodies without a Struct form
            }
            if (f === 'annotations') continue // the ruleproof marker is never written
            if (f === 'stageTimestamp' || f === 'requestReceivedTimestamp') continue // normalised to MicroTime
            expect(get(decoded.event, f), `${variant.id} ${f}`).toEqual(get(e, f))
          }
        }),
        params,
      )
    })
  })
}
