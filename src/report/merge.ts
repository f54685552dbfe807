import type { Finding, Result } from '../model/result.js'
import type { Score } from '../harness/score.js'

/** What one shard's `--format json` report holds, once read: check/test results, or replay scores. */
export type ShardReport =
  | { kind: 'results'; file: string; results: Result[]; findings: Finding[]; files: number; rules: number }
  | { kind: 'scores'; file: string; scores: Score[]; dataset: { dir: string; seed?: unknown } }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Reads a parsed JSON report; throws an Error naming what is missing when it is neither kind. */
export function readShardReport(file: string, value: unknown): ShardReport {
  if (!isObject(value)) throw new Error(`${file}: not a ruleproof JSON report (expected an object)`)
  if (Array.isArray(value['scores'])) {
    const dataset = isObject(value['dataset']) ? value['dataset'] : {}
    return { kind: 'scores', file, scores: value['scores'] as Score[], dataset: { dir: String(dataset['dir'] ?? '?'), ...(dataset['seed'] !== undefined ? { seed: dataset['seed'] } : {}) } }
  }
  if (Array.isArray(value['results'])) {
    const results = (value['results'] as unknown[]).map((r, i) => {
      if (!isObject(r) || typeof r['rule'] !== 'string' || typeof r['status'] !== 'string') throw new Error(`${file}: results[${i}] is not a result (rule and status missing)`)
      // JSON writes unknown values as null; in memory they are absent.
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(r)) if (v !== null) out[k] = v
      return out as unknown as Result
    })
    const lint = isObject(value['lint']) ? value['lint'] : undefined
    const findings = lint && Array.isArray(lint['findings']) ? (lint['findings'] as Finding[]) : []
    const summary = lint && isObject(lint['summary']) ? lint['summary'] : {}
    return { kind: 'results', file, results, findings, files: Number(summary['files'] ?? 0), rules: Number(summary['rules'] ?? 0) }
  }
  throw new Error(`${file}: not a ruleproof JSON report (no "results" or "scores"); write shard reports with --format json`)
}

/** Scores of the same rule × variant (shards of a dataset) summed; examples kept up to `examples` each. */
export function mergeScores(parts: readonly Score[][], examples = 3): Score[] {
  const out = new Map<string, Score>()
  for (const list of parts) {
    for (const s of list) {
      const key = `${s.file}\0${s.rule}\0${s.variant}\0${s.table ?? ''}`
      const m = out.get(key)
      if (!m) {
        out.set(key, { ...s, falsePositives: [...s.falsePositives], falseNegatives: [...s.falseNegatives] })
        continue
      }
      m.events += s.events
      m.tp += s.tp
      m.fp += s.fp
      m.tn += s.tn
      m.fn += s.fn
      // Ground truth per rule (reports of older ruleproof lack it: tp + fn were the positives).
      m.positives = (m.positives ?? m.tp - s.tp + m.fn - s.fn) + (s.positives ?? s.tp + s.fn)
      m.outOfScope = (m.outOfScope ?? 0) + (s.outOfScope ?? 0)
      m.outOfScopeMatched = (m.outOfScopeMatched ?? 0) + (s.outOfScopeMatched ?? 0)
      m.errors += s.errors
      m.falsePositives.push(...s.falsePositives.slice(0, Math.max(0, examples - m.falsePositives.length)))
      m.falseNegatives.push(...s.falseNegatives.slice(0, Math.max(0, examples - m.falseNegatives.length)))
    }
  }
  for (const s of out.values()) {
    if (s.scoredBy === 'unscored') continue // no precision or recall; its note says why
    s.precision = s.tp + s.fp === 0 ? null : s.tp / (s.tp + s.fp)
    s.recall = s.tp + s.fn === 0 ? null : s.tp / (s.tp + s.fn)
    // A shard without positives said so; together they may have some.
    if (s.tp + s.fn > 0 && s.note?.startsWith('no labelled events')) delete s.note
  }
  return [...out.values()]
}
