/** What SPL checks see of a security_content detection: its metadata, its parsed search and where things are. */
import type { Finding } from '../../model/result.js'
import type { SourceLocation } from '../../model/source.js'
import { LoadError } from '../../shared/errors.js'
import type { SourceMap } from '../../shared/yaml/index.js'
import type { Pipeline } from '../../spl/ast.js'
import { dataSourceFields } from '../../spl/files.js'
import { loadSplunkDetection } from '../../spl/load.js'
import { originOf, type Expanded } from '../../spl/macros.js'
import { compileSearch } from '../../spl/rule.js'

export interface SplRuleView {
  id: string
  file: string
  meta: Record<string, unknown>
  pipeline: Pipeline
  /** The place in the file of an offset of the expanded search. */
  at(offset: number): SourceLocation
  /** Fields of the detection's data sources (data_sources/*.yml beside or above), when every one is known. */
  dataSourceFields: readonly string[] | undefined
}

export { isSplunkDetectionText } from './detect.js'

export function splLint(text: string, file: string): { doc?: { value: unknown; map: SourceMap; index: number }; view?: SplRuleView; findings: Finding[]; error?: LoadError } {
  const findings: Finding[] = []
  let doc: { value: unknown; map: SourceMap; index: number } | undefined
  const src = loadSplunkDetection(text, file, findings, (d) => (doc = d))
  if (!doc) {
    const f = findings[0]
    return { findings: [], ...(f ? { error: new LoadError(f.message, { file: f.file, line: f.line, column: f.column }) } : {}) }
  }
  if (!src) return { doc, findings }
  const compiled = compileSearch(src, findings)
  if (!compiled) return { doc, findings }
  const expanded: Expanded = compiled.expanded
  const names = (src.meta.data_source as string[] | undefined) ?? []
  const known = names.length ? dataSourceFields(file) : new Map<string, string[]>()
  const fields = names.length && names.every((n) => known.has(n)) ? names.flatMap((n) => known.get(n)!) : undefined
  return {
    doc,
    findings,
    view: { id: src.id, file, meta: src.meta, pipeline: compiled.pipeline, at: (offset) => src.locate(originOf(expanded, offset)), dataSourceFields: fields },
  }
}
