import { techniqueScore, type CoverageReport, type TechniqueCoverage } from './build.js'

export const COVERAGE_FORMATS = ['json', 'markdown', 'navigator', 'html'] as const
export type CoverageFormat = (typeof COVERAGE_FORMATS)[number]

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`)

function variantsLine(t: TechniqueCoverage): string {
  return Object.entries(t.variants).map(([v, s]) => `${v} ${s}`).join(', ') || 'none'
}

function testedLine(t: TechniqueCoverage): string {
  const { embedded: e, replay: r, families: f } = t.tested
  return `embedded ${e.passed}/${e.total}, replay ${r.passed}/${r.total}, families ${f.passed}/${f.total}`
}

function datasetLine(t: TechniqueCoverage): string | undefined {
  if (!t.dataset) return undefined
  if (t.dataset.length === 0) return 'not in the dataset'
  return t.dataset.map((d) => `${d.variant} recall ${pct(d.recall)} precision ${pct(d.precision)} (tp ${d.tp}, fp ${d.fp}, fn ${d.fn})`).join('; ')
}

/** A comment for a technique's cell: its rules, what tests it, where it passes. */
export function techniqueComment(t: TechniqueCoverage): string {
  const lines = [
    `${t.rules.length} rule${t.rules.length === 1 ? '' : 's'}: ${t.rules.map((r) => r.title || r.id).join('; ')}`,
    `tested: ${testedLine(t)}`,
    `variants: ${variantsLine(t)}`,
  ]
  const d = datasetLine(t)
  if (d) lines.push(`replay: ${d}`)
  if (!t.known) lines.push('not in the bundled ATT&CK table (typo or retired id?)')
  return lines.join('\n')
}

/** An ATT&CK Navigator layer, format 4.5: one technique entry per claimed technique, scored 0–100. */
export function navigatorLayer(report: CoverageReport, name = 'ruleproof coverage'): Record<string, unknown> {
  const major = report.attack.split('.')[0] ?? report.attack
  return {
    name,
    versions: { attack: major, navigator: '5.1.0', layer: '4.5' },
    domain: 'enterprise-attack',
    description: `ATT&CK techniques claimed by ${report.rules} rules; score = share of their checks that pass (embedded, replay, families); 0 = claimed, untested or failing.`,
    sorting: 3,
    layout: { layout: 'side', showID: true, showName: true, showAggregateScores: false, countUnscored: false, aggregateFunction: 'average', expandedSubtechniques: 'annotated' },
    hideDisabled: false,
    techniques: report.techniques
      .filter((t) => t.known)
      .map((t) => ({
        techniqueID: t.id,
        score: techniqueScore(t),
        comment: techniqueComment(t),
        enabled: true,
        metadata: [
          { name: 'rules', value: String(t.rules.length) },
          { name: 'tested', value: testedLine(t) },
          { name: 'variants', value: variantsLine(t) },
          ...(t.dataset ? [{ name: 'replay', value: datasetLine(t) ?? '' }] : []),
        ],
        showSubtechniques: report.techniques.some((s) => s.id.startsWith(`${t.id}.`)),
      })),
    gradient: { colors: ['#ff6666', '#ffe766', '#8ec843'], minValue: 0, maxValue: 100 },
    legendItems: [
      { label: 'claimed, no passing check', color: '#ff6666' },
      { label: 'every check passes', color: '#8ec843' },
    ],
    showTacticRowBackground: false,
    tacticRowBackground: '#dddddd',
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
    metadata: [{ name: 'generator', value: 'ruleproof coverage' }, ...(report.dataset ? [{ name: 'dataset', value: report.dataset.dir }] : [])],
  }
}

const cell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/</g, '&lt;')

export function coverageMarkdown(report: CoverageReport): string {
  const out = [`## ATT&CK coverage (ATT&CK v${report.attack})`, '']
  const tested = report.techniques.filter((t) => techniqueScore(t) > 0).length
  const n = (k: number, one: string, many: string): string => `${k} ${k === 1 ? one : many}`
  out.push(`${n(report.techniques.length, 'technique', 'techniques')} claimed by ${n(report.rules, 'rule', 'rules')}; ${tested} with passing checks; ${n(report.untagged.length, 'rule claims', 'rules claim')} no technique.`, '')
  if (report.techniques.length) {
    const withData = report.dataset !== undefined
    out.push(`| Technique | Tactics | Rules | Tested | Variants${withData ? ' | Replay' : ''} |`)
    out.push(`|---|---|---|---|---${withData ? '|---' : ''}|`)
    for (const t of report.techniques) {
      const rules = t.rules.map((r) => cell(r.title || r.id) + (r.via ? ` (via ${r.via})` : '')).join('<br>')
      const row = [`${t.id} ${cell(t.name)}${t.known ? '' : ' (unknown)'}`, t.tactics.join(', '), rules, testedLine(t), variantsLine(t)]
      if (withData) row.push(cell(datasetLine(t) ?? ''))
      out.push(`| ${row.join(' | ')} |`)
    }
    out.push('')
  }
  if (report.untagged.length) {
    out.push('### Rules that claim no technique', '')
    for (const r of report.untagged) {
      const fam = r.familyTechniques.length ? ` (its families' techniques: ${r.familyTechniques.join(', ')})` : ''
      out.push(`- ${cell(r.title || r.id)} — \`${cell(r.file)}\`${fam}`)
    }
    out.push('')
  }
  return out.join('\n')
}

export function renderCoverage(format: Exclude<CoverageFormat, 'html'>, report: CoverageReport): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n'
  if (format === 'navigator') return JSON.stringify(navigatorLayer(report), null, 2) + '\n'
  return coverageMarkdown(report)
}
