import type { TestCase } from '../model/rule.js'
import type { SigmaDocument, SigmaRuleDocument } from '../sigma/index.js'
import type { PendingTests } from './pending.js'
import { scanTestList, scanTopLevel } from './scan.js'
import type { DeclaredTests } from './unloaded.js'

/** A test naming only a scenario family is a declaration, not a test (as the harness reads it). */
function isFamilyTest(t: TestCase): boolean {
  return typeof t.extra?.['family'] === 'string' && (t.event === undefined || t.event === null)
}

function refsOf(d: SigmaDocument): string[] {
  return [d.id, d.name, d.title].filter((x): x is string => typeof x === 'string' && x !== '')
}

function ofDocument(d: SigmaRuleDocument, tests: TestCase[], extraFiles: string[] = []): DeclaredTests {
  return { format: 'sigma', id: d.id ?? d.name ?? d.title, title: d.title, file: d.file, location: d.location, tests, refs: refsOf(d), files: [d.file, ...extraFiles] }
}

/**
 * Every Sigma test the run read, valid rule or not: each rule document's own `tests:` (with the
 * other tools' tests attached to it), its sidecar's tests, and tests of other tools that name
 * no document at all. Scenario declarations are not tests of their own.
 */
export function declaredSigmaTests(
  docsByFile: ReadonlyMap<string, readonly SigmaDocument[]>,
  sidecars: ReadonlyMap<string, { tests: TestCase[] }>,
  pending: readonly PendingTests[],
  unreadable: readonly { file: string; text: string }[] = [],
): DeclaredTests[] {
  const out: DeclaredTests[] = []
  // Files whose YAML does not parse: their `tests:` read line by line (names and places only).
  for (const { file, text } of unreadable) {
    const tests = scanTestList(text, file, 'tests', 'name', 'k8s')
    if (tests.length === 0) continue
    const title = scanTopLevel(text, 'title') ?? file
    const id = scanTopLevel(text, 'id') ?? title
    out.push({ format: 'sigma', id, title, file, location: { file, line: 1, column: 1 }, tests, refs: [id, title], files: [file] })
  }
  for (const [file, docs] of docsByFile) {
    const rules = docs.filter((d): d is SigmaRuleDocument => d.kind === 'rule')
    for (const d of rules) out.push(ofDocument(d, d.tests.filter((t) => !isFamilyTest(t))))
    const sidecar = sidecars.get(file)
    if (!sidecar) continue
    const byDoc = new Map<SigmaRuleDocument | undefined, TestCase[]>()
    for (const t of sidecar.tests) {
      if (isFamilyTest(t)) continue
      const ref = typeof t.extra?.['rule'] === 'string' ? t.extra['rule'] : undefined
      const d = ref !== undefined ? rules.find((r) => refsOf(r).includes(ref)) : rules.length === 1 ? rules[0] : undefined
      byDoc.set(d, [...(byDoc.get(d) ?? []), t])
    }
    for (const [d, tests] of byDoc) {
      const sidecarFile = tests[0]!.location.file
      if (d) out.push(ofDocument(d, tests, [sidecarFile]))
      else out.push({ format: 'sigma', id: sidecarFile, title: sidecarFile, file, location: tests[0]!.location, tests, refs: [], files: [sidecarFile, file] })
    }
  }
  for (const p of pending) {
    const target = p.rule?.id ?? p.rule?.name ?? p.rule?.title ?? p.ruleFile ?? p.location.file
    out.push({ format: 'sigma', id: target, title: p.rule?.title ?? target, file: p.location.file, location: p.location, tests: p.tests, refs: [], files: [p.location.file] })
  }
  return out
}
