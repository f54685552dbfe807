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

/**
 * The query scalar's key is at `key`, its value at `valueAt` (the first body line for block scalars). For block scalars each query line is a file line after the indicator, shifted by
 * the block's indentation; a folded (`>`) scalar folds lines, so its positions are searched by
 * the text of the query line.
 */
export function yamlScalarLocator(fileText: string, key: SourceLocation, valueAt: SourceLocation, query: string): QueryLocator {
  const fileLines = fileText.split('\n')
  const keyLine = fileLines[key.line - 1] ?? ''
  const afterColon = /^[^:]*:\s*/.exec(keyLine.slice(key.column - 1))
  const block = afterColon ? keyLine.slice(key.column - 1 + afterColon[0].length) : ''
  const isBlock = /^[|>]/.test(block)
  // Block scalars: the body starts on the line after the key; `value` is the key's line then.
  const value: SourceLocation = isBlock ? { ...key, column: key.column + afterColon![0].length } : valueAt
  const indicator = isBlock ? block : (fileLines[value.line - 1] ?? '').slice(value.column - 1)
  const qStarts = lineStarts(query)
  if (/^[|>]/.test(indicator)) {
    const explicit = /^[|>][+-]?([1-9])?/.exec(indicator)?.[1]
    // The block's lines: after the indicator line, the first non-empty line sets the indentation.
    let indent = -1
    const bodyLines: number[] = []
    for (let i = value.line; i < fileLines.length; i++) {
      const l = fileLines[i]!.replace(/\r$/, '')
      if (l.trim() === '') {
        bodyLines.push(i)
        continue
      }
      const ind = l.length - l.trimStart().length
      if (indent < 0) indent = explicit ? Number(explicit) : ind
      if (ind < indent) break
      bodyLines.push(i)
    }
    const folded = indicator.startsWith('>')
    return {
      at(offset) {
        const { line, column } = lineCol(qStarts, Math.min(offset, query.length))
        if (!folded) {
          const fileLine = bodyLines[line - 1] ?? bodyLines[bodyLines.length - 1] ?? value.line - 1
          return { file: value.file, line: fileLine + 1, column: Math.max(indent, 0) + column }
        }
        // Folded: find the query line's text among the block's lines.
        const text = query.slice(qStarts[line - 1], qStarts[line] ?? query.length).replace(/\n$/, '')
        const probe = text.slice(0, column - 1)
        for (const i of bodyLines) {
          const l = fileLines[i]!
          const p = l.indexOf(text.slice(0, Math.min(text.length, 40)))
          if (p >= 0 && text.length > 0) return { file: value.file, line: i + 1, column: p + probe.length + 1 }
        }
        return { file: value.file, line: value.line, column: value.column }
      },
    }
  }
  // Quoted or plain scalar on the key's line (a multi-line flow scalar is approximated).
  const quoted = indicator.startsWith('"') || indicator.startsWith("'")
  return {
    at(offset) {
      const { line, column } = lineCol(qStarts, Math.min(offset, query.length))
      if (line === 1) return { file: value.file, line: value.line, column: value.column + (quoted ? 1 : 0) + column - 1 }
      return { file: value.file, line: value.line + line - 1, column }
    },
  }
}
