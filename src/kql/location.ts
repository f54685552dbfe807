import type { SourceLocation } from '../model/source.js'
import { lineCol, lineStarts } from '../shared/yaml/scalar-map.js'

/**
 * Maps offsets of a query string back to the file it came from: a YAML block scalar (`|`, `>`),
 * a quoted or plain one-line scalar, or a whole `.kql` file.
 */
export interface QueryLocator {
  at(offset: number): SourceLocation
}

/** A `.kql` file: the query is the file. */
export function wholeFileLocator(file: string, text: string): QueryLocator {
  const starts = lineStarts(text)
  return { at: (offset) => ({ file, ...lineCol(starts, Math.min(offset, text.length)) }) }
}

/** A query scalar of a YAML rule: the mapping shared with SPL searches (src/shared/yaml/scalar-map.ts). */
export { yamlScalarLocator } from '../shared/yaml/scalar-map.js'
