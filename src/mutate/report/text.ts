import type { MutantReport, MutationRun, MutationTally } from '../types.js'

export function scoreText(t: MutationTally): string {
  return t.score === null ? 'no score' : `${t.score}%`
}

export function tallyLine(t: MutationTally): string {
  return `${t.mutants} mutants: ${t.killed} killed, ${t.survived} survived, ${t.equivalent} equivalent, ${t.errors} errors; mutation score ${scoreText(t)}`
}

const indent = (s: string, by: string): string =>
  s
    .split('\n')
    .map((l) => by + l)
    .join('\n')

function mutantBlock(m: MutantReport, relative: (f: string) => string): string {
  const head = `${m.status.toUpperCase().padEnd(8)} ${relative(m.file)}:${m.line}:${m.column} ${m.operator}: ${m.change}`
  const lines = [head]
  if (m.status === 'survived' || m.status === 'error') lines.push(indent(m.diff, '    '))
  if (m.status === 'killed') lines.push(`    killed by ${m.killedBy[0]}${m.killedBy.length > 1 ? ` (and ${m.killedBy.length - 1} more)` : ''}`)
  if (m.message) lines.push(`    ${m.message}`)
  if (m.suggestion) lines.push('    a test that kills it (paste under tests:):', indent(m.suggestion, '      '))
  return lines.join('\n')
}

/**
 * Surviving and errored mutants in full (diff, suggested test), killed and equivalent ones on a
 * line each, then per-rule scores and the total.
 */
export function mutationText(run: MutationRun, relative: (file: string) => string): string {
  const out: string[] = []
  for (const r of run.rules) {
    out.push(`${r.title ?? r.rule} (${relative(r.file)}): ${r.note && r.mutants === 0 ? r.note : tallyLine(r)}`)
    if (r.note && r.mutants > 0) out.push(`  note: ${r.note}`)
    for (const m of run.mutants.filter((x) => x.rule === r.rule)) out.push(indent(mutantBlock(m, relative), '  '))
    out.push('')
  }
  out.push(tallyLine(run.summary))
  return out.join('\n') + '\n'
}
