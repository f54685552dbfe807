import type { CheckModule } from './types.js'

/** The generated index of checks (docs/checks.md), from each check's meta. */
export function renderChecksIndex(checks: Record<string, CheckModule>): string {
  const rows = Object.values(checks)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((c) => {
      const m = c.meta
      return `| [${c.id}](checks/${c.id}.md) | ${m.appliesTo.join(', ')} | ${m.defaultSeverity} | ${m.recommended ? 'yes' : ''} | ${m.fixable ? 'yes' : ''} | ${m.description.replace(/\|/g, '\\|')} |`
    })
  return [
    '<!-- generated, do not edit: run `npx tsx scripts/gen-docs.ts` -->',
    '# Lint checks',
    '',
    `\`ruleproof lint\` runs ${rows.length} checks. "Recommended" checks run by default; \`checks: ['all']\` in the \`lint\` section of ruleproof.config turns on the rest, \`'-<id>'\` turns one off. See [lint.md](lint.md) for configuration, suppression comments and \`--fix\`.`,
    '',
    '| check | applies to | default severity | recommended | fixable | what it checks |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n')
}

/** The example blocks of a check's doc page, by section (`## Incorrect` / `## Correct`). */
export interface DocExample {
  yaml: string
  /** Further YAML blocks: other files of the same run. */
  context: string[]
  python?: string
}

export function docExamples(markdown: string): { incorrect?: DocExample; correct?: DocExample } {
  const out: { incorrect?: DocExample; correct?: DocExample } = {}
  for (const section of ['Incorrect', 'Correct'] as const) {
    const start = markdown.indexOf(`\n## ${section}\n`)
    if (start === -1) continue
    const next = markdown.indexOf('\n## ', start + 4)
    const body = markdown.slice(start, next === -1 ? undefined : next)
    const blocks = [...body.matchAll(/```(yaml|python)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1] as string, text: m[2] as string }))
    const yaml = blocks.filter((b) => b.lang === 'yaml').map((b) => b.text)
    if (yaml.length === 0) continue
    const example: DocExample = { yaml: yaml[0] as string, context: yaml.slice(1) }
    const py = blocks.find((b) => b.lang === 'python')
    if (py) example.python = py.text
    out[section === 'Incorrect' ? 'incorrect' : 'correct'] = example
  }
  return out
}
