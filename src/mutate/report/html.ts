import type { MutationRun } from '../types.js'
import { scoreText, tallyLine } from './text.js'

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** One self-contained page (inline style, no script, nothing fetched): scores, then every mutant. */
export function mutationHtml(run: MutationRun, relative: (file: string) => string): string {
  const rows = run.rules
    .map((r) => `<tr><td>${esc(r.title ?? r.rule)}${r.note ? `<br><small>${esc(r.note)}</small>` : ''}</td><td>${r.mutants}</td><td>${r.killed}</td><td>${r.survived}</td><td>${r.equivalent}</td><td>${r.errors}</td><td>${scoreText(r)}</td></tr>`)
    .join('\n')
  const mutants = run.mutants
    .map(
      (m) => `<details class="${m.status}"${m.status === 'survived' ? ' open' : ''}><summary><b>${m.status}</b> <code>${esc(relative(m.file))}:${m.line}:${m.column}</code> ${esc(m.operator)}: ${esc(m.change)}</summary>
<pre>${m.diff
        .split('\n')
        .map((l) => `<span class="${l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : 'ctx'}">${esc(l)}</span>`)
        .join('\n')}</pre>
${m.killedBy.length ? `<p>killed by:</p><ul>${m.killedBy.map((k) => `<li>${esc(k)}</li>`).join('')}</ul>` : ''}${m.message ? `<p>${esc(m.message)}</p>` : ''}${m.suggestion ? `<p>A test that kills it:</p><pre>${esc(m.suggestion)}</pre>` : ''}</details>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ruleproof mutate</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}td:first-child{text-align:left}
details{border-left:4px solid #999;margin:.4em 0;padding:.2em .6em}details.survived{border-color:#c33}details.killed{border-color:#393}details.error{border-color:#c90}
pre{background:#f6f6f6;padding:.5em;overflow:auto}.add{color:#060}.del{color:#a00}
</style></head><body>
<h1>ruleproof mutate</h1>
<p><b>${esc(tallyLine(run.summary))}</b></p>
<table><tr><th>Rule</th><th>Mutants</th><th>Killed</th><th>Survived</th><th>Equivalent</th><th>Errors</th><th>Score</th></tr>
${rows}
</table>
<h2>Mutants</h2>
${mutants}
</body></html>
`
}
