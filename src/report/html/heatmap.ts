import data from '../../lint/data/attack.json' with { type: 'json' }
import { techniqueScore, type CoverageReport, type TechniqueCoverage } from '../../coverage/build.js'
import { techniqueComment } from '../../coverage/render.js'
import { escapeHtml } from './escape.js'
import { scoreColor } from './page.js'

const TACTICS = Object.entries(data.tactics as unknown as Record<string, [string, string]>)

/** How cells are scored (0–100, null: no score) and what the legend says the ends mean. */
export interface HeatmapScoring {
  score(t: TechniqueCoverage): number | null
  low: string
  high: string
}

const CHECKS: HeatmapScoring = { score: techniqueScore, low: 'claimed, no passing check', high: 'every check passes' }

/** Replay: the recall of the claiming rules over the dataset's variants (null: no positive for it). */
export const RECALL: HeatmapScoring = {
  score(t) {
    const d = t.dataset ?? []
    const tp = d.reduce((n, x) => n + x.tp, 0)
    const fn = d.reduce((n, x) => n + x.fn, 0)
    return tp + fn === 0 ? null : Math.round((100 * tp) / (tp + fn))
  },
  low: 'recall 0%',
  high: 'recall 100%',
}

/** The ATT&CK matrix of the claimed techniques: one column per tactic, cells coloured by score. */
export function heatmapSection(report: CoverageReport, scoring: HeatmapScoring = CHECKS): string {
  const columns: string[] = []
  for (const [shortname, [id, name]] of TACTICS) {
    const cells = report.techniques.filter((t) => t.tactics.includes(shortname))
    if (cells.length === 0) continue
    const body = cells
      .map((t) => {
        const score = scoring.score(t)
        const background = score === null ? '#eaeef2' : scoreColor(score)
        return `<div class="technique" data-technique="${escapeHtml(t.id)}" data-score="${score ?? ''}" style="background:${background}" title="${escapeHtml(techniqueComment(t))}"><b>${escapeHtml(t.id)}</b> ${escapeHtml(t.name)}<br><span>${score === null ? 'no data' : `${score}%`} · ${t.rules.length} rule${t.rules.length === 1 ? '' : 's'}</span></div>`
      })
      .join('')
    columns.push(`<div class="tactic" data-tactic="${escapeHtml(shortname)}"><h3 title="${escapeHtml(id)}">${escapeHtml(name)}</h3>${body}</div>`)
  }
  const unknown = report.techniques.filter((t) => !t.known)
  const legend = `<p class="legend"><span style="background:${scoreColor(0)}">0%: ${escapeHtml(scoring.low)}</span><span style="background:${scoreColor(50)}">50%</span><span style="background:${scoreColor(100)}">100%: ${escapeHtml(scoring.high)}</span><span style="background:#eaeef2">no data</span></p>`
  const rows = report.techniques
    .map((t) => {
      const { embedded: e, replay: r, families: f } = t.tested
      const variants = Object.entries(t.variants).map(([v, s]) => `<span class="status-${s === 'untested' ? 'skip' : s}">${escapeHtml(v)} ${escapeHtml(s)}</span>`).join(', ')
      const replay = t.dataset === undefined ? '' : `<td>${t.dataset.length === 0 ? 'not in the dataset' : t.dataset.map((d) => escapeHtml(`${d.variant}: recall ${d.recall === null ? 'n/a' : (d.recall * 100).toFixed(1) + '%'}, precision ${d.precision === null ? 'n/a' : (d.precision * 100).toFixed(1) + '%'}`)).join('<br>')}</td>`
      return `<tr data-technique="${escapeHtml(t.id)}"><td>${escapeHtml(t.id)}</td><td>${escapeHtml(t.name)}</td><td>${t.rules.map((x) => escapeHtml(x.title || x.id) + (x.via ? ` <span class="muted">(via ${escapeHtml(x.via)})</span>` : '')).join('<br>')}</td><td>${e.passed}/${e.total}</td><td>${r.passed}/${r.total}</td><td>${f.passed}/${f.total}</td><td>${variants}</td>${replay}</tr>`
    })
    .join('\n')
  const head = `<tr><th>Technique</th><th>Name</th><th>Rules</th><th>Embedded</th><th>Replay</th><th>Families</th><th>Variants</th>${report.dataset ? '<th>Dataset</th>' : ''}</tr>`
  const untagged = report.untagged.length
    ? `<h3>Rules that claim no technique</h3><ul>${report.untagged.map((r) => `<li>${escapeHtml(r.title || r.id)} <code>${escapeHtml(r.file)}</code>${r.familyTechniques.length ? ` — its families: ${escapeHtml(r.familyTechniques.join(', '))}` : ''}</li>`).join('')}</ul>`
    : ''
  return `<section id="coverage"><h2>ATT&amp;CK coverage (v${escapeHtml(report.attack)})</h2>
<p>${report.techniques.length} techniques claimed by ${report.rules} rules${unknown.length ? `; ${unknown.length} not in ATT&amp;CK` : ''}.</p>
${legend}
<div class="heatmap">${columns.join('\n')}</div>
<table class="techniques">${head}\n${rows}</table>
${untagged}
</section>`
}
