import type { VariantId } from '../model/variant.js'

/** A rule's confusion counts on one variant of a labelled dataset. */
export interface Score {
  rule: string
  file: string
  variant: VariantId
  events: number
  tp: number
  fp: number
  tn: number
  fn: number
  /** tp / (tp + fp); null when the rule matched nothing. */
  precision: number | null
  /** tp / (tp + fn); null when the dataset holds no malicious event. */
  recall: number | null
  /** A few false positives: line number in `<variant>.ndjson`, family label, the record. */
  falsePositives: { line: number; family: string; record: unknown }[]
  /** A few false negatives, the same way. */
  falseNegatives: { line: number; family: string; record: unknown }[]
  /** Events whose evaluation threw (counted nowhere else). */
  errors: number
}

/** Accumulates one rule × variant score while a dataset streams by. */
export class ScoreBoard {
  readonly score: Score
  private readonly examples: number
  constructor(rule: string, file: string, variant: VariantId, examples = 3) {
    this.score = { rule, file, variant, events: 0, tp: 0, fp: 0, tn: 0, fn: 0, precision: null, recall: null, falsePositives: [], falseNegatives: [], errors: 0 }
    this.examples = examples
  }
  add(line: number, malicious: boolean, matched: boolean, family: string, record: unknown): void {
    const s = this.score
    s.events++
    if (matched && malicious) s.tp++
    else if (matched) {
      s.fp++
      if (s.falsePositives.length < this.examples) s.falsePositives.push({ line, family, record })
    } else if (malicious) {
      s.fn++
      if (s.falseNegatives.length < this.examples) s.falseNegatives.push({ line, family, record })
    } else s.tn++
  }
  error(): void {
    this.score.errors++
  }
  finish(): Score {
    const s = this.score
    s.precision = s.tp + s.fp === 0 ? null : s.tp / (s.tp + s.fp)
    s.recall = s.tp + s.fn === 0 ? null : s.tp / (s.tp + s.fn)
    return s
  }
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`)

/** Scores as text, JSON or Markdown (the shapes `ruleproof replay --format` prints). */
export function renderScores(format: 'text' | 'json' | 'markdown', scores: readonly Score[], dataset: { dir: string; seed?: unknown }): string {
  if (format === 'json') return JSON.stringify({ dataset, scores }, null, 2) + '\n'
  const header = ['rule', 'variant', 'events', 'TP', 'FP', 'TN', 'FN', 'precision', 'recall']
  const rows = scores.map((s) => [s.rule, s.variant, String(s.events), String(s.tp), String(s.fp), String(s.tn), String(s.fn), pct(s.precision), pct(s.recall)])
  const fpLines = scores.flatMap((s) =>
    s.falsePositives.map((f) => `${s.rule} on ${s.variant}: line ${f.line} (${f.family})${format === 'markdown' ? '' : `: ${JSON.stringify(f.record).slice(0, 240)}`}`),
  )
  const errLines = scores.filter((s) => s.errors > 0).map((s) => `${s.rule} on ${s.variant}: ${s.errors} events could not be evaluated`)
  if (format === 'markdown') {
    const cell = (x: string) => x.replace(/\|/g, '\\|')
    const out = [
      `### Dataset replay: \`${dataset.dir}\``,
      '',
      `| ${header.join(' | ')} |`,
      `|${header.map(() => ' --- ').join('|')}|`,
      ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    ]
    if (fpLines.length) out.push('', '**Example false positives**', '', ...fpLines.map((l) => `- ${cell(l)}`))
    if (errLines.length) out.push('', ...errLines.map((l) => `- ${l}`))
    return out.join('\n') + '\n'
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  const out = [line(header), ...rows.map(line)]
  if (fpLines.length) out.push('', 'Example false positives:', ...fpLines.map((l) => `  ${l}`))
  if (errLines.length) out.push('', ...errLines)
  return out.join('\n') + '\n'
}
