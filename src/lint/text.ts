import type { Place, TextEdit } from './types.js'

/** Line starts of a text, for place ↔ offset. */
export class Lines {
  readonly starts: number[] = [0]
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1)
  }
  offset(line: number, column: number): number {
    return (this.starts[line - 1] ?? this.text.length) + column - 1
  }
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length
    const next = this.starts[line]
    return this.text.slice(start, next === undefined ? this.text.length : next - 1).replace(/\r$/, '')
  }
}

/**
 * The [start, end) extent of a single-line scalar that starts at `start`: quoted scalars up to
 * their closing quote, plain scalars up to a comment, a flow indicator or the end of the line.
 * Undefined for scalars that continue on the next line (no fix is attempted on those).
 */
export function scalarExtent(text: string, start: number): { end: number; quote: '' | "'" | '"' } | undefined {
  const c = text[start]
  let eol = text.indexOf('\n', start)
  if (eol === -1) eol = text.length
  if (c === "'") {
    for (let i = start + 1; i < eol; i++) {
      if (text[i] === "'") {
        if (text[i + 1] === "'") i++
        else return { end: i + 1, quote: "'" }
      }
    }
    return undefined
  }
  if (c === '"') {
    for (let i = start + 1; i < eol; i++) {
      if (text[i] === '\\') i++
      else if (text[i] === '"') return { end: i + 1, quote: '"' }
    }
    return undefined
  }
  if (c === '|' || c === '>' || c === '[' || c === '{') return undefined
  let end = start
  while (end < eol) {
    const ch = text[end]
    if ((ch === ',' || ch === ']' || ch === '}') && inFlow(text, start)) break
    if (ch === '#' && /\s/.test(text[end - 1] ?? '')) break
    if (ch === ':' && (end + 1 === eol || /\s/.test(text[end + 1] ?? ''))) break
    end++
  }
  while (end > start && /[ \t\r]/.test(text[end - 1] ?? '')) end--
  // A plain scalar whose next line is more indented continues there: not single-line.
  const nextLine = text.slice(eol + 1, text.indexOf('\n', eol + 1) === -1 ? text.length : text.indexOf('\n', eol + 1))
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  const indent = /^ */.exec(text.slice(lineStart))?.[0].length ?? 0
  const nextIndent = /^ */.exec(nextLine)?.[0].length ?? 0
  if (nextLine.trim() !== '' && !nextLine.trimStart().startsWith('#') && nextIndent > indent && !/^\s*-\s/.test(nextLine) && !/:\s|:$/.test(nextLine)) return undefined
  return { end, quote: '' }
}

function inFlow(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const before = text.slice(lineStart, offset)
  let depth = 0
  for (const ch of before) {
    if (ch === '[' || ch === '{') depth++
    else if (ch === ']' || ch === '}') depth--
  }
  return depth > 0
}

/** Renders a string as a YAML scalar in the same quoting style it had. */
export function quoteLike(value: string, quote: '' | "'" | '"'): string {
  if (quote === "'") return `'${value.replace(/'/g, "''")}'`
  if (quote === '"') return JSON.stringify(value)
  return value
}

/** An edit replacing the single-line scalar at `place` with `value` in its quoting style; undefined when unsafe. */
export function replaceScalar(lines: Lines, place: Place, value: string): TextEdit | undefined {
  const start = lines.offset(place.line, place.column)
  const extent = scalarExtent(lines.text, start)
  if (extent === undefined) return undefined
  let quote = extent.quote
  // A plain scalar that would change meaning unquoted gets single quotes.
  if (quote === '' && !/^[A-Za-z0-9_./\\-][^#:]*$/.test(value)) quote = "'"
  return { start, end: extent.end, text: quoteLike(value, quote) }
}

/**
 * An edit removing a block-sequence item written on its own line (`  - value  # comment`);
 * undefined for flow sequences or items spanning several lines.
 */
export function removeSequenceLine(lines: Lines, place: Place): TextEdit | undefined {
  const lineText = lines.lineText(place.line)
  const dash = /^(\s*)-\s/.exec(lineText)
  if (dash === null || (dash[0].length !== place.column - 1 && dash[0].length > place.column - 1)) return undefined
  const start = lines.offset(place.line, 1)
  const extent = scalarExtent(lines.text, lines.offset(place.line, place.column))
  if (extent === undefined) return undefined
  const next = lines.starts[place.line]
  return { start, end: next === undefined ? lines.text.length : next, text: '' }
}

/** Applies non-overlapping edits (later ones that overlap an earlier one are dropped). */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end)
  let out = ''
  let cursor = 0
  let applied = 0
  for (const e of sorted) {
    if (e.start < cursor) continue
    out += text.slice(cursor, e.start) + e.text
    cursor = e.end
    applied++
  }
  return { text: out + text.slice(cursor), applied }
}
