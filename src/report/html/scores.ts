import type { Score } from '../../harness/score.js'
import { displayPath } from '../paths.js'
import { escapeHtml, jsonBlock } from './escape.js'
import { htmlPage } from './page.js'
import { heatmapSection, RECALL } from './heatmap.js'
import type { CoverageReport } from '../../coverage/build.js'

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`)

function examples(kind: string, list: Score['falsePositives'], variant: string): string {
  if (list.length === 0) return ''
  const items = list.map((e) => `<details class="example"><summary>${escapeHtml(`${variant}.ndjson line ${e.line} · ${e.family}`)}</summary>${jsonBlock(e.record)}</details>`)
  return `<h4>${escapeHtml(kind)}</h4>${items.join('')}`
}

/** Replay scores: one row per rule × variant, with example false positives and false negatives. */
export function scoresSection(scores: readonly Score[], root?: string, titles?: ReadonlyMap<string, string>): string {
  const name = (s: Score): string => titles?.get(s.rule) ?? s.rule
  const rows = scores.map((s) => {
    const cls = s.errors > 0 || (s.recall !== null && s.recall < 1) || s.fp > 0 ? 'fail' : 'pass'
    return `<tr data-rule="${escapeHtml(name(s))}" data-variant="${escapeHtml(s.variant)}"><th>${escapeHtml(name(s))}</th><td>${escapeHtml(s.table ? `${s.variant} (${s.table})` : s.variant)}</td><td>${s.events}</td><td>${s.tp}</td><td>${s.fp}</td><td>${s.fn}</td><td>${s.tn}</td><td class="${cls}">${pct(s.precision)}</td><td class="${cls}">${pct(s.recall)}</td><td>${s.errors}</td></tr>`
  })
  const head = '<tr><th>Rule</th><th>Variant</th><th>Events</th><th>TP</th><th>FP</th><th>FN</th><th>TN</th><th>Precision</th><th>Recall</th><th>Errors</th></tr>'
  const details = scores
    .filter((s) => s.falsePositives.length || s.falseNegatives.length)
    .map((s) => `<details class="score-examples"><summary>${escapeHtml(`${name(s)} [${s.variant}${s.table ? ` ${s.table}` : ''}] — ${s.fp} false positives, ${s.fn} false negatives`)}</summary><p class="muted">${escapeHtml(displayPath(s.file, root))}</p>${examples('False positives', s.falsePositives, s.variant)}${examples('False negatives', s.falseNegatives, s.variant)}</details>`)
  return `<section id="scores"><h2>Replay scores</h2><table class="scores">${head}\n${rows.join('\n')}</table>${details.length ? `<h3>Examples</h3>${details.join('\n')}` : ''}</section>`
}

/** `ruleproof replay --format html`. */
export function replayHtml(scores: readonly Score[], dataset: { dir: string; seed?: unknown }, o: { root?: string; titles?: ReadonlyMap<string, string>; coverage?: CoverageReport } = {}): string {
  const seed = dataset.seed === undefined ? '' : `, seed ${String(dataset.seed)}`
  return htmlPage('ruleproof replay', `dataset ${dataset.dir}${seed}: ${scores.length} rule × variant scores`, [
    scoresSection(scores, o.root, o.titles),
    ...(o.coverage ? [heatmapSection(o.coverage, RECALL)] : []),
  ])
}
