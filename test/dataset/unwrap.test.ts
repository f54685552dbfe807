// unwrap is the inverse of envelope: each SIEM line gives back the native record, less exactly
// the fields the SIEM's export does not carry.
import { describe, expect, it } from 'vitest'
import { renderChunk, resolveConfig, unwrap, UnwrapError, type DatasetOptions, type Format } from '../../src/dataset/index.js'
import type { VariantId } from '../../src/model/variant.js'

const options = (format: Format, variants: VariantId[]): DatasetOptions => ({
  variants, count: 150, seed: 5, attackRatio: 0.3, families: '*', format, gzip: false, assumeDataActions: true, start: '2026-03-14T00:00:00Z',
})
const records = (format: Format, variants: VariantId[], i: number) =>
  renderChunk(resolveConfig(options(format, variants)), 0).variants[i]!.data.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)

/** What a Log Analytics row does not keep of the native record. */
function lessExport(variant: VariantId, r: Record<string, any>): Record<string, unknown> {
  const { serviceBuild: _b, durationMs: _d, location: _l, ...rest } = r
  if (variant === 'aks') return { ...rest, time: expect.stringMatching(new RegExp(`^${String(r.time).slice(0, 27)}`)) }
  return { ...rest, resourceId: String(r.resourceId).toLowerCase() }
}

describe('unwrap', () => {
  it.each([
    ['splunk-hec', ['k8s', 'eks', 'aks', 'gke', 'azure-activity']],
    ['cloudwatch', ['eks']],
    ['sentinel', ['aks', 'azure-activity']],
  ] as [Format, VariantId[]][])('%s gives back the native records', (format, variants) => {
    variants.forEach((variant, i) => {
      const native = records('native', variants, i)
      const wrapped = records(format, variants, i)
      expect(wrapped).toHaveLength(native.length)
      expect(native.length).toBeGreaterThan(0)
      wrapped.forEach((line, n) => {
        const want = format === 'sentinel' ? lessExport(variant, native[n]!) : native[n]
        expect(unwrap(format, variant, line)).toEqual([want])
      })
    })
  })

  it('a CloudWatch payload gives each of its log events; a control message none', () => {
    const events = records('native', ['eks'], 0).slice(0, 3)
    const payload = { messageType: 'DATA_MESSAGE', logEvents: events.map((e, i) => ({ id: String(i), timestamp: 0, message: JSON.stringify(e) })) }
    expect(unwrap('cloudwatch', 'eks', payload)).toEqual(events)
    expect(unwrap('cloudwatch', 'eks', { messageType: 'CONTROL_MESSAGE', logEvents: [] })).toEqual([])
  })

  it.each([
    ['splunk-hec', 'k8s', { kind: 'Event' }, /not a Splunk HEC event/],
    ['sentinel', 'aks', { kind: 'Event' }, /not an AzureDiagnostics row/],
    ['sentinel', 'azure-activity', { Type: 'AzureDiagnostics' }, /not an AzureActivity row/],
    ['sentinel', 'k8s', {}, /no rows for k8s/],
    ['cloudwatch', 'eks', { kind: 'Event' }, /not a CloudWatch Logs subscription payload/],
    ['cloudwatch', 'eks', { messageType: 'DATA_MESSAGE', logEvents: [{ message: '{' }] }, /logEvents\[0\]\.message is not JSON/],
    ['native', 'k8s', [1], /not a JSON object/],
  ] as [Format, VariantId, unknown, RegExp][])('%s on %s refuses %j', (format, variant, line, message) => {
    expect(() => unwrap(format, variant, line)).toThrow(UnwrapError)
    expect(() => unwrap(format, variant, line)).toThrow(message)
  })
})
