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
import { envelope, extraTableRow, extraTables } from './envelopes.js'
import { kinesisRecords } from './kinesis.js'
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
  /** The other tables the records also land in ({@link extraTables}), each its own file. */
  tables?: Record<string, TableChunk>
}

export interface TableChunk {
  data: string
  labels: string
  records: number
  malicious: number
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
  type Lines = { lines: string[]; labelLines: string[]; records: number; malicious: number; families: Record<string, number> }
  const lines = (): Lines => ({ lines: [], labelLines: [], records: 0, malicious: 0, families: {} })
  const out = config.variants.map((variant) => ({ variant, main: lines(), tables: extraTables(config.format, variant).map((name) => ({ name, ...lines() })) }))
  // A transport batches the chunk's records once they are all rendered: its lines come after.
  const batched = config.transport === 'kinesis'
  const raws = config.variants.map((): Record<string, unknown>[] => [])
  const codecs = config.variants.map((v) => getVariant(v))
  const encodeOptions = { assumeDataActions: config.assumeDataActions, aksCategory: config.aksCategory ?? 'kube-audit', gkeDataAccess: config.gkeDataAccess ?? true }
  const push = (o: Lines, line: string | undefined, label: string, family: string, malicious: boolean): void => {
    if (line !== undefined) o.lines.push(line)
    o.labelLines.push(label)
    o.records++
    if (malicious) o.malicious++
    o.families[family] = (o.families[family] ?? 0) + 1
  }
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
      const o = out[i]!
      let label: string | undefined
      const labelOf = (): string => (label ??= JSON.stringify(labelsOf(step.family, family.labels, event)))
      if (o.tables.length) {
        // The resource-specific tables hold both categories, whichever one the main file has.
        const full = encodeOptions.aksCategory === 'kube-audit' ? raw : codecs[i]!.encode(event, context, { ...encodeOptions, aksCategory: 'kube-audit' })
        for (const t of o.tables) {
          const row = full ? extraTableRow(t.name, full, config) : undefined
          if (row) push(t, JSON.stringify(row), labelOf(), step.family, family.labels.malicious)
        }
      }
      if (raw === null || raw === undefined) return
      if (batched) raws[i]!.push(raw as Record<string, unknown>)
      const line = batched ? undefined : JSON.stringify(envelope(config.format, raw, event, { variant: v, context, workspaceId: config.workspaceId }))
      push(o.main, line, labelOf(), step.family, family.labels.malicious)
    })
  }
  if (batched) {
    out.forEach((o, i) => {
      o.main.lines = kinesisRecords(raws[i]!, config.contexts[o.variant], chunk, chunk === 0 ? Date.parse(config.start) : undefined).map((r) => JSON.stringify(r))
    })
  }
  const text = (xs: string[]): string => (xs.length ? xs.join('\n') + '\n' : '')
  const done = ({ lines: l, labelLines, records, malicious, families: f }: Lines): TableChunk => ({ data: text(l), labels: text(labelLines), records, malicious, families: f })
  return {
    chunk,
    actions: steps.length,
    variants: out.map(({ variant, main, tables }) => ({
      variant,
      ...done(main),
      ...(tables.length ? { tables: Object.fromEntries(tables.map((t) => [t.name, done(t)])) } : {}),
    })),
  }
}
