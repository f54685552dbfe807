/**
 * Renders one chunk of a dataset: the chunk's actions (from the bulk generator), each turned
 * into the audit event of every requested variant's provider, encoded by the variant's codec,
 * wrapped in the format's envelope, with its label line. Pure and deterministic.
 */
import type { AuditEvent } from '../model/audit-event.js'
import type { VariantId } from '../model/variant.js'
import { getVariant } from '../variants/index.js'
import type { DatasetConfig } from './config.js'
import { PROVIDER_OF } from './config.js'
import { envelope } from './envelopes.js'
import { bulkSteps, labelsOf, scenarioPicker, selectFamilies, toAuditEvent } from './generators.js'

export interface VariantChunk {
  variant: VariantId
  /** NDJSON lines (each ending in `\n`). */
  data: string
  labels: string
  records: number
  malicious: number
  /** Records per family/step name. */
  families: Record<string, number>
}

export interface ChunkResult {
  chunk: number
  actions: number
  variants: VariantChunk[]
}

type Picker = ReturnType<typeof scenarioPicker>
const pickers = new Map<string, { picker: Picker; families: ReturnType<typeof selectFamilies> }>()

function pickerFor(config: DatasetConfig) {
  const key = `${config.families}\u0000${config.attackRatio}`
  let p = pickers.get(key)
  if (!p) {
    const families = selectFamilies(config.families)
    p = { families, picker: scenarioPicker({ seed: config.seed, families, attackRatio: config.attackRatio }) }
    pickers.set(key, p)
  }
  return p
}

export function renderChunk(config: DatasetConfig, chunk: number): ChunkResult {
  const { families, picker } = pickerFor(config)
  const count = Math.min(config.chunkSize, config.count - chunk * config.chunkSize)
  const steps = bulkSteps({ seed: config.seed, families, attackRatio: config.attackRatio, start: Date.parse(config.start) }, chunk, config.chunkSize, count, picker)
  const out = config.variants.map((variant): VariantChunk & { lines: string[]; labelLines: string[] } => ({ variant, data: '', labels: '', records: 0, malicious: 0, families: {}, lines: [], labelLines: [] }))
  const codecs = config.variants.map((v) => getVariant(v))
  const encodeOptions = { assumeDataActions: config.assumeDataActions, aksCategory: config.aksCategory ?? 'kube-audit', gkeDataAccess: config.gkeDataAccess ?? true }
  for (const { family, step } of steps) {
    const events = new Map<string, AuditEvent>()
    config.variants.forEach((v, i) => {
      const context = config.contexts[v]
      const provider = PROVIDER_OF[v]
      let event = events.get(provider)
      if (!event) {
        event = toAuditEvent(step.action, context)
        events.set(provider, event)
      }
      const raw = codecs[i]!.encode(event, context, encodeOptions)
      if (raw === null || raw === undefined) return
      const o = out[i]!
      o.lines.push(JSON.stringify(envelope(config.format, raw, event, { variant: v, context, workspaceId: config.workspaceId })))
      o.labelLines.push(JSON.stringify(labelsOf(step.family, family.labels, event)))
      o.records++
      if (family.labels.malicious) o.malicious++
      o.families[step.family] = (o.families[step.family] ?? 0) + 1
    })
  }
  return {
    chunk,
    actions: steps.length,
    variants: out.map(({ lines, labelLines, ...rest }) => ({ ...rest, data: lines.length ? lines.join('\n') + '\n' : '', labels: labelLines.length ? labelLines.join('\n') + '\n' : '' })),
  }
}
