import type { VariantId } from '../model/variant.js'
import type { GroundTruth, ScoredBy } from './truth.js'

/** A rule's confusion counts on one variant of a labelled dataset. */
export interface Score {
  rule: string
  file: string
  variant: VariantId
  /** The Log Analytics table scored, when the dataset holds the variant in several (sentinel aks: AKSAudit, …). */
  table?: string
  events: number
  tp: number
  fp: number
  tn: number
  fn: number
  /** Malicious records the rule answers for (its techniques or families): tp + fn. */
  positives: number
  /** Malicious records of other techniques and families: neither positives nor false positives. */
  outOfScope: number
  /** Of those, how many the rule matched anyway (not counted as tp or fp). */
  outOfScopeMatched: number
  /** What the positives are chosen by: the rule's techniques, else the families its tests name, else nothing. */
  scoredBy: ScoredBy
  /** The techniques the rule claims and the families its tests name. */
  techniques: string[]
  families: string[]
  /** Why there is no recall: the rule is unscored, or the dataset holds none of its positives. */
  note?: string
  /** tp / (tp + fp); null when the rule matched nothing or is unscored. */
  precision: number | null
  /** tp / positives; null when the dataset holds no positive for the rule or it is unscored. */
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
  constructor(rule: string, file: string, variant: VariantId, truth: GroundTruth, examples = 3) {
    this.score = {
      rule,
      file,
      variant,
      events: 0,
      tp: 0,
      fp: 0,
      tn: 0,
      fn: 0,
      positives: 0,
      outOfScope: 0,
      outOfScopeMatched: 0,
      scoredBy: truth.scoredBy,
      techniques: truth.techniques,
      families: truth.families,
      ...(truth.reason ? { note: `unscored: ${truth.reason}` } : {}),
      precision: null,
      recall: null,
      falsePositives: [],
      falseNegatives: [],
      errors: 0,
    }
    this.examples = examples
  }
  /**
   * One record: `malicious` and `inScope` from its label (a malicious record out of the rule's
   * scope is counted apart, never as a false positive or negative).
   */
  add(line: number, malicious: boolean, matched: boolean, family: string, record: unknown, inScope = true): void {
    const s = this.score
    s.events++
    if (malicious && !inScope) {
      s.outOfScope++
      if (matched) s.outOfScopeMatched++
      return
    }
    if (malicious) s.positives++
    if (matched && malicious) s.tp++
    else if (matched) {
      s.fp++
      if (s.falsePositives.length < this.examples) s.falsePositives.push({ line, family, record })
    } else if (malicious) {
      s.fn++
      if (s.falseNegatives.length < this.examples) s.falseNegatives.push({ line, family, record })
    } else s.tn++
  }
  /** `n` benign records the rule did not match (replay counts these in bulk: most records are). */
  trueNegatives(n: number): void {
    this.score.events += n
    this.score.tn += n
  }
  error(): void {
    this.score.errors++
  }
  /** `noPositives`: what to say when the dataset holds none of the rule's positives. */
  finish(noPositives?: () => string): Score {
    const s = this.score
    if (s.scoredBy === 'unscored') return s
    s.precision = s.tp + s.fp === 0 ? null : s.tp / (s.tp + s.fp)
    s.recall = s.positives === 0 ? null : s.tp / s.positives
    if (s.positives === 0 && noPositives) s.note = noPositives()
    return s
  }
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`)
/** The variant, and the table when the score is on one of the variant's extra tables. */
const on = (s: Score): string => (s.table ? `${s.variant} (${s.table})` : s.variant)

/** Scores as text, JSON or Markdown (the shapes `ruleproof replay --format` prints). */
export function renderScores(format: 'text' | 'json' | 'markdown', scores: readonly Score[], dataset: { dir: string; seed?: unknown }): string {
  if (format === 'json') return JSON.stringify({ dataset, scores }, null, 2) + '\n'
  const header = ['rule', 'variant', 'events', 'positives', 'TP', 'FP', 'TN', 'FN', 'out of scope', 'precision', 'recall']
  const rows = scores.map((s) => [
    s.rule,
    on(s),
    String(s.events),
    String(s.positives),
    String(s.tp),
    String(s.fp),
    String(s.tn),
    String(s.fn),
    String(s.outOfScope),
    pct(s.precision),
    pct(s.recall),
  ])
  const notes = scores.filter((s) => s.note).map((s) => `${s.rule} on ${on(s)}: ${s.note}`)
  const fpLines = scores.flatMap((s) =>
    s.falsePositives.map((f) => `${s.rule} on ${on(s)}: line ${f.line} (${f.family})${format === 'markdown' ? '' : `: ${JSON.stringify(f.record).slice(0, 240)}`}`),
  )
  const errLines = scores.filter((s) => s.errors > 0).map((s) => `${s.rule} on ${on(s)}: ${s.errors} events could not be evaluated`)
  if (format === 'markdown') {
    const cell = (x: string) => x.replace(/\|/g, '\\|')
    const out = [
      `### Dataset replay: \`${dataset.dir}\``,
      '',
      `| ${header.join(' | ')} |`,
      `|${header.map(() => ' --- ').join('|')}|`,
      ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    ]
    if (notes.length) out.push('', '**Notes**', '', ...notes.map((l) => `- ${cell(l)}`))
    if (fpLines.length) out.push('', '**Example false positives**', '', ...fpLines.map((l) => `- ${cell(l)}`))
    if (errLines.length) out.push('', ...errLines.map((l) => `- ${l}`))
    return out.join('\n') + '\n'
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  const out = [line(header), ...rows.map(line)]
  if (notes.length) out.push('', ...notes)
  if (fpLines.length) out.push('', 'Example false positives:', ...fpLines.map((l) => `  ${l}`))
  if (errLines.length) out.push('', ...errLines)
  return out.join('\n') + '\n'
}
