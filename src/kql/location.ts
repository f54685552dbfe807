import type { SourceLocation } from '../model/source.js'

/**
 * Maps offsets of a query string back to the file it came from: a YAML block scalar (`|`, `>`),
 * a quoted or plain one-line scalar, or a whole `.kql` file.
 */
export interface QueryLocator {
  at(offset: number): SourceLocation
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1)
  return starts
}

function lineCol(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 }
}

/** A `.kql` file: the query is the file. */
export function wholeFileLocator(file: string, text: string): QueryLocator {
  const starts = lineStarts(text)
  return { at: (offset) => ({ file, ...lineCol(starts, Math.min(offset, text.length)) }) }
}

/** A query scalar of a YAML rule: the mapping shared with SPL searches (src/shared/yaml/scalar-map.ts). */
export { yamlScalarLocator } from '../shared/yaml/scalar-map.js'
