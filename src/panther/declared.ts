import path from 'node:path'
import { scanTestList, scanTopLevel } from '../rules/scan.js'
import type { DeclaredTests } from '../rules/unloaded.js'
import { variantForPantherLogType } from '../variants/index.js'
import { loadSpecText } from './load/specs.js'
import { variantLabel } from './results.js'
import { testCases } from './test-cases.js'

/**
 * The tests a Panther file declares in its raw `Tests` list, read the way the loader reads
 * them (same names and places), whether or not the file validates. Undefined when the file is
 * no Panther document or its YAML cannot be read.
 */
export function declaredPantherTests(file: string, text: string): DeclaredTests | undefined {
  const { spec, findings } = loadSpecText(text, file)
  if (!spec && findings.some((f) => f.check === 'panther-yaml' && f.severity === 'error')) return scanned(file, text)
  if (!spec || !Array.isArray(spec.value.Tests)) return undefined
  // Labelled as the rule's own results would label them, so a stand-in's result reads the same.
  const tests = testCases(spec, spec.value.Tests, undefined, []).map((t) => ({ ...t, extra: { ...t.extra, variantLabel: variantLabel(t) } }))
  const id = spec.id ?? path.basename(file)
  const title = typeof spec.value.DisplayName === 'string' && spec.value.DisplayName !== '' ? spec.value.DisplayName : id
  const idKey = spec.type === 'policy' ? 'PolicyID' : 'RuleID'
  const location = spec.map.has([idKey]) ? spec.map.key([idKey]) : { file, line: 1, column: 1 }
  const files = [file]
  if (typeof spec.value.Filename === 'string') files.push(path.resolve(path.dirname(file), spec.value.Filename))
  return { format: 'panther', id, title, file, location, tests, refs: spec.id ? [spec.id] : [], files }
}

/** A file whose YAML does not parse: its tests read line by line (names and places only). */
function scanned(file: string, text: string): DeclaredTests | undefined {
  const firstLogType = /^LogTypes:\s*\n\s*-\s*["']?([\w.]+)/m.exec(text)?.[1] ?? /^LogTypes:\s*\[\s*["']?([\w.]+)/m.exec(text)?.[1]
  const known = firstLogType ? variantForPantherLogType(firstLogType) : undefined
  const tests = scanTestList(text, file, 'Tests', 'Name', known ?? 'k8s').map((t) => ({ ...t, extra: { ...t.extra, ...(firstLogType && !known ? { variantLabel: firstLogType } : {}) } }))
  if (tests.length === 0) return undefined
  const id = scanTopLevel(text, 'RuleID') ?? scanTopLevel(text, 'PolicyID') ?? path.basename(file)
  const title = scanTopLevel(text, 'DisplayName') ?? id
  return { format: 'panther', id, title, file, location: { file, line: 1, column: 1 }, tests, refs: [id], files: [file] }
}
