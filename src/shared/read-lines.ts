import { constants as bufferConstants, isUtf8 } from 'node:buffer'
import { formatSize } from './size.js'
import { decodeUtf8, type InvalidUtf8Place } from './utf8.js'

/** Longest NDJSON line read unless an option or the config says otherwise. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024

/**
 * The longest line any limit can allow: V8 cannot hold a longer string (~512 MiB), and a line past
 * it would throw ERR_STRING_TOO_LONG out of the read and lose the rest of the run. A UTF-8 line
 * never decodes to more UTF-16 units than it has bytes, so its byte length is the bound.
 */
export const MAX_LINE_BYTES_CEILING = bufferConstants.MAX_STRING_LENGTH

/** One physical line: its text, or why it has none. */
export type Line =
  | { lineNo: number; text: string; invalid?: { places: InvalidUtf8Place[]; count: number } }
  | { lineNo: number; tooLong: { bytes: number; limit: number } }

export interface ReadLinesOptions {
  /** Longest line kept; a longer one is skipped to its end and reported by its length. */
  maxBytes?: number
  /** Called after the lines of each chunk read (the caller flushes its output there). */
  onChunk?: () => void
}

/** The message for a line over the limit. */
export function tooLongMessage(l: { bytes: number; limit: number }, option: string): string {
  return `line of ${formatSize(l.bytes)} is longer than the ${formatSize(l.limit)} limit (${option}): not read`
}

/**
 * Reads `input` line by line (until it ends, or `onLine` returns false) (LF or CRLF) in bounded memory: a line longer than `maxBytes` is
 * never held, it comes back as `tooLong` once its end is reached, and reading goes on. Each
 * line is decoded as UTF-8; invalid bytes read as U+FFFD and are reported with the line.
 */
export async function readLines(input: AsyncIterable<Buffer | string>, onLine: (line: Line) => void | false, options: ReadLinesOptions = {}): Promise<void> {
  const max = Math.min(options.maxBytes ?? DEFAULT_MAX_LINE_BYTES, MAX_LINE_BYTES_CEILING)
  let parts: Buffer[] = []
  let held = 0
  // Bytes of the current line when it is over the limit (its parts are dropped), else -1.
  let over = -1
  let lineNo = 0

  let stopped = false
  // Returns false when `onLine` asked to stop reading.
  const emit = (buf: Buffer | undefined): boolean => {
    lineNo++
    if (over >= 0) {
      const r = onLine({ lineNo, tooLong: { bytes: over + (buf?.length ?? 0), limit: max } })
      over = -1
      return r !== false
    }
    let line = parts.length === 0 ? (buf ?? Buffer.alloc(0)) : Buffer.concat(buf ? [...parts, buf] : parts)
    parts = []
    held = 0
    if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1)
    if (line.length > max) return onLine({ lineNo, tooLong: { bytes: line.length, limit: max } }) !== false
    if (isUtf8(line)) return onLine({ lineNo, text: line.toString('utf8') }) !== false
    const decoded = decodeUtf8(line, 3)
    return onLine({ lineNo, text: decoded.text, invalid: { places: decoded.invalid, count: decoded.invalidCount } }) !== false
  }

  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw
    let start = 0
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      stopped = !emit(chunk.subarray(start, nl))
      start = nl + 1
      if (stopped) break
    }
    if (stopped) break
    if (start < chunk.length) {
      const rest = chunk.subarray(start)
      if (over >= 0) over += rest.length
      else if (held + rest.length > max + 1) {
        // Over the limit (+1: a CR that belongs to a CRLF may still follow): stop holding the line.
        over = held + rest.length
        parts = []
        held = 0
      } else {
        // Copied: the stream may reuse its chunk's memory.
        parts.push(Buffer.from(rest))
        held += rest.length
      }
    }
    options.onChunk?.()
  }
  if (!stopped && (held > 0 || over >= 0)) emit(undefined)
}
