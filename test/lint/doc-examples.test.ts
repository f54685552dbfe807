import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCase } from '../../src/lint/check-tester.js'
import { registry } from '../../src/lint/checks/index.js'
import { docExamples, type DocExample } from '../../src/lint/docs.js'

const root = path.resolve(import.meta.dirname, '../..')

const run = (id: string, e: DocExample) =>
  runCase(registry[id]!, {
    code: e.yaml,
    // spl-unknown-field reads the data source fields of rules/splunk/data_sources.
    filename: id === 'spl-unknown-field' ? 'rules/splunk/detections/docs-example/rule.yml' : 'docs-example/rule.yml',
    files: e.context.map((text, i) => ({ file: `docs-example/context-${i + 1}.yml`, text })),
    ...(e.python !== undefined ? { python: e.python } : {}),
  })

// ESLint's check-rule-examples: every incorrect example triggers its check, every correct one does not.
describe.each(Object.keys(registry))('docs/checks/%s.md examples', (id) => {
  const examples = docExamples(readFileSync(path.join(root, 'docs/checks', `${id}.md`), 'utf8'))
  it('the incorrect example triggers the check', async () => {
    expect(examples.incorrect).toBeDefined()
    const result = await run(id, examples.incorrect!)
    expect(result.findings.filter((f) => f.check === id).length).toBeGreaterThan(0)
  })
  it('the correct example does not', async () => {
    expect(examples.correct).toBeDefined()
    const result = await run(id, examples.correct!)
    expect(result.findings.filter((f) => f.check === id).map((f) => f.message)).toEqual([])
  })
})
