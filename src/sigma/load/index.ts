import type { Finding } from '../../model/result.js'
import { LoadError } from '../../shared/errors.js'
import { parseYamlDocuments, type YamlDocument } from '../../shared/yaml/index.js'
import { expandCollection } from './collection.js'
import { buildDocument } from './document.js'
import { LOAD_CHECKS, type SigmaDocument } from './types.js'

export * from './types.js'
export { sigmaKind } from './document.js'

export interface LoadSigmaOptions {
  /** Most nodes that YAML aliases may expand to before the file is refused. */
  maxAliasNodes?: number
}

export interface LoadedSigmaText {
  /** Every Sigma document of the file, collections expanded, in file order (also invalid ones). */
  documents: SigmaDocument[]
  /** Everything wrong with the file: YAML, schema, legacy syntax, collections, tests. */
  findings: Finding[]
}

/**
 * Loads one Sigma file of any kind (rule, correlation, filter, legacy collection). Never
 * throws for bad content: a YAML error is a single finding and no documents. Pure: the caller
 * reads the file.
 */
export function loadSigmaText(text: string, file: string, options: LoadSigmaOptions = {}): LoadedSigmaText {
  let yaml
  try {
    yaml = parseYamlDocuments(text, file, options.maxAliasNodes !== undefined ? { maxAliasNodes: options.maxAliasNodes } : {})
  } catch (e) {
    if (!(e instanceof LoadError)) throw e
    const l = e.location
    return {
      documents: [],
      findings: [{ check: LOAD_CHECKS.yaml, severity: 'error', file: l.file, line: l.line, column: l.column, message: e.message }],
    }
  }
  return loadSigmaYaml(yaml, text, file)
}

/** loadSigmaText for a file the caller has already parsed with the shared YAML loader (default options). */
export function loadSigmaYaml(yaml: YamlDocument[], text: string, file: string): LoadedSigmaText {
  const expanded = expandCollection(yaml, file)
  const findings: Finding[] = [...expanded.findings]
  const documents: SigmaDocument[] = []
  // A collection's template is checked once per rule it is merged into: report each place once.
  const seen = new Set<string>()
  const add = (f: Finding) => {
    const key = `${f.line}:${f.column}:${f.check}:${f.message}`
    if (!seen.has(key)) {
      seen.add(key)
      findings.push(f)
    }
  }
  for (const d of expanded.documents) {
    const built = buildDocument(d, file)
    if ('kind' in built) built.text = text
    if ('kind' in built) {
      documents.push(built)
      // Name the rule a finding belongs to the way LoadedRule ids are made (id, name, title).
      const ref = built.id ?? built.name ?? (typeof built.value.title === 'string' ? built.value.title : undefined)
      if (ref !== undefined) for (const f of built.findings) f.rule ??= ref
      built.findings.forEach(add)
    } else add(built)
  }
  if (documents.length === 0 && findings.length === 0) {
    findings.push({ check: LOAD_CHECKS.schema, severity: 'error', file, line: 1, column: 1, message: 'file holds no Sigma document' })
  }
  return { documents, findings }
}

/** The first error finding as a LoadError (`file:line:column: message`), for commands that stop on it. */
export function firstLoadError(findings: readonly Finding[]): LoadError | undefined {
  const f = findings.find((x) => x.severity === 'error')
  return f ? new LoadError(f.message, { file: f.file, line: f.line, column: f.column }) : undefined
}
