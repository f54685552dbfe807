import type { MutationRun } from '../types.js'
import { scoreText, tallyLine } from './text.js'

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** A PR comment: the score table per rule, then each surviving mutant with its diff and the test that kills it. */
export function mutationMarkdown(run: MutationRun, relative: (file: string) => string): string {
  const out = ['## ruleproof mutate', '', `**${tallyLine(run.summary)}**`, '', '| Rule | Mutants | Killed | Survived | Equivalent | Errors | Score |', '|---|---:|---:|---:|---:|---:|---:|']
  for (const r of run.rules) out.push(`| ${cell(r.title ?? r.rule)}${r.note ? ` (${cell(r.note)})` : ''} | ${r.mutants} | ${r.killed} | ${r.survived} | ${r.equivalent} | ${r.errors} | ${scoreText(r)} |`)
  const open = run.mutants.filter((m) => m.status === 'survived' || m.status === 'error')
  if (open.length) out.push('', '### Surviving mutants', '')
  for (const m of open) {
    out.push(`<details><summary><code>${relative(m.file)}:${m.line}:${m.column}</code> ${m.status}: ${cell(m.operator)}: ${cell(m.change)}</summary>`, '', '```diff', m.diff, '```')
    if (m.message) out.push('', m.message)
    if (m.suggestion) out.push('', 'A test that kills it:', '', '```yaml', m.suggestion, '```')
    out.push('', '</details>', '')
  }
  return out.join('\n') + '\n'
}
