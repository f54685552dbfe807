/**
 * The contract every generator keeps (style.md item 11): the same seed gives the same value on
 * both back ends (fast-check and the seeded PRNG), and every audit event validates against the
 * k8s variant's schema after encoding.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as g from '../../generators/index.js'
import { getVariant, validateRecord } from '../../src/variants/index.js'

const generators: Record<string, g.Gen<unknown>> = {
  actor: g.actor(),
  annotations: g.annotations(),
  auditEvent: g.auditEvent(),
  auditId: g.auditId(),
  clusterContext: g.clusterContext(),
  command: g.command({ script: 'echo hi' }),
  container: g.container(),
  cronJob: g.cronJob(),
  deployment: g.deployment(),
  identity: g.identity({ context: g.clusterContext.example('eks') }),
  image: g.image(),
  job: g.job(),
  namespace: g.namespace(),
  objectName: g.objectName(),
  otherResource: g.otherResource({ resource: 'configmaps' }),
  pod: g.pod(),
  podSpec: g.podSpec(),
  responseCode: g.responseCode(),
  schedule: g.schedule(),
  securityContext: g.securityContext(),
  sourceIp: g.sourceIp(),
  timestamp: g.timestamp(),
  userAgent: g.userAgent({ clients: ['kubectl', 'helm', 'controller', 'kubelet'] }),
  verb: g.verb(),
}

describe.each(Object.entries(generators))('%s', (_name, gen) => {
  it('gives the same values for the same fast-check seed', () => {
    expect(fc.sample(gen, { seed: 42, numRuns: 20 })).toEqual(fc.sample(gen, { seed: 42, numRuns: 20 }))
  })
  it('gives the same values for the same PRNG seed, and other values for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 20 }, (_, i) => gen.draw(g.createRng(seed, i)))
    expect(draw(7)).toEqual(draw(7))
    if (_name !== 'command') expect(JSON.stringify(draw(8))).not.toBe(JSON.stringify(draw(7)))
  })
})

describe('auditEvent', () => {
  for (const provider of ['kubernetes', 'eks', 'aks', 'gke'] as const) {
    it(`produces events that encode to valid ${provider} records`, () => {
      const context = g.clusterContext.example(provider)
      const variant = provider === 'kubernetes' ? 'k8s' : provider
      fc.assert(
        fc.property(g.auditEvent({ context }), (event) => {
          const raw = getVariant(variant).encode(event, context)
          if (raw !== null) expect(validateRecord(variant, raw)).toEqual([])
          // A streaming exec / attach / port-forward is kept at ResponseStarted.
          const started = (['exec', 'attach', 'portforward'].includes(event.objectRef?.subresource ?? '') && (event.responseStatus?.code ?? 0) < 400) || event.responseStatus?.code === 401
          expect(event.stage).toBe(started ? 'ResponseStarted' : 'ResponseComplete')
          expect(event.requestReceivedTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
          expect(event.stageTimestamp >= event.requestReceivedTimestamp).toBe(true)
          expect(event.auditID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        }),
        { numRuns: 150, seed: 1 },
      )
    })
  }

  it('writes keys in kube-apiserver (Go struct) order', () => {
    const order = ['kind', 'apiVersion', 'level', 'auditID', 'stage', 'requestURI', 'verb', 'user', 'impersonatedUser', 'sourceIPs', 'userAgent', 'objectRef', 'responseStatus', 'requestObject', 'responseObject', 'requestReceivedTimestamp', 'stageTimestamp', 'annotations']
    fc.assert(
      fc.property(g.auditEvent(), (event) => {
        const keys = Object.keys(event)
        expect(keys).toEqual(order.filter((k) => keys.includes(k)))
      }),
      { numRuns: 100, seed: 2 },
    )
  })
})

describe('constraints are validated eagerly, naming the generator', () => {
  it.each([
    ['timestamp', () => g.timestamp({ min: '2026-05-01T00:00:00Z', max: '2026-01-01T00:00:00Z' }), /generators\/timestamp/],
    ['image', () => g.image({ set: 'nope' as g.ImageSet }), /generators\/image: unknown image set 'nope'/],
    ['selectFamilies', () => g.selectFamilies('nothing.*'), /no family matches 'nothing\.\*'/],
    ['familyArbitrary', () => g.familyArbitrary('atomic.unknown'), /unknown family or step 'atomic\.unknown'/],
    ['schedule', () => g.schedule({ kind: 'hourly' as 'any' }), /generators\/schedule: kind must be/],
    ['actor', () => g.actor({ adminChance: 2 }), /generators\/actor: adminChance must be within 0\.\.1/],
    ['actor', () => g.actor({ serviceAccounts: ['nope'] }), /generators\/actor: service accounts are namespace\/name pairs/],
    ['userAgent', () => g.userAgent({ clients: ['curl' as 'kubectl'] }), /generators\/userAgent: unknown client 'curl'/],
    ['sourceIp', () => g.sourceIp({ kinds: [] }), /generators\/sourceIp: kinds must be a non-empty list/],
    ['command', () => g.command({ script: 'x', shapes: [] }), /generators\/command: shapes and shells must not be empty/],
  ])('%s', (_name, make, message) => {
    expect(make).toThrow(message)
  })
})
