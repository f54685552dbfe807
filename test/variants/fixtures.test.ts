import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isVariantId } from '../../src/model/variant.js'
import { detectVariant, variants } from '../../src/variants/index.js'
import { reencodeEquivalence } from '../../src/variants/equivalence.js'
import { validateRecord } from '../../src/variants/validate.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/variants')
const files = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(path.join(root, d.name)).filter((f) => f.endsWith('.json')).map((f) => [d.name, f] as const))

describe('fixtures/variants', () => {
  it('has samples for every variant', () => {
    expect(new Set(files.map(([v]) => v))).toEqual(new Set(Object.keys(variants)))
  })

  it.each(files)('%s/%s is a complete, valid record that round-trips', (variant, file) => {
    expect(isVariantId(variant)).toBe(true)
    const raw = JSON.parse(readFileSync(path.join(root, variant, file), 'utf8'))
    expect(detectVariant(raw)).toBe(variant)
    expect(validateRecord(variant as 'k8s', raw)).toEqual([])
    const eq = reencodeEquivalence(variant as 'k8s', raw)
    expect(eq.differences).toEqual([])
    // A complete provider record leaves nothing of the Event to default, except what the format never has.
    const never: Record<string, string[]> = {
      'azure-activity': ['level', 'stage', 'requestURI', 'requestReceivedTimestamp', 'verb', 'objectRef'],
    }
    expect(eq.defaulted.filter((f) => !f.startsWith('context.') && !(never[variant] ?? []).includes(f))).toEqual([])
  })
})
