import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, type Stats } from 'node:fs'
import type { Finding } from '../model/result.js'
import { formatSize } from '../shared/size.js'
import { decodeUtf8 } from '../shared/utf8.js'
import { DISCOVERY_CHECKS, fileStart, finding } from './findings.js'

/** Largest rule file read unless the config or an option says otherwise (SigmaHQ's largest rule is ~300 KB). */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024

/** What a special file is, for messages. */
export function fileType(st: Pick<Stats, 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isDirectory'>): string {
  if (st.isFIFO()) return 'a FIFO'
  if (st.isSocket()) return 'a socket'
  if (st.isCharacterDevice()) return 'a character device'
  if (st.isBlockDevice()) return 'a block device'
  if (st.isDirectory()) return 'a folder'
  return 'not a regular file'
}

export type ReadResult = { ok: true; text: string; findings: Finding[] } | { ok: false; findings: Finding[] }

/**
 * Reads one rule file: a regular file of at most `maxBytes`, decoded as UTF-8. Opened without
 * blocking, so a FIFO put in place after the walk cannot hang the run; the size is checked on the
 * open file and never more than `maxBytes` are read. Invalid UTF-8 is read as U+FFFD (as every
 * YAML reader would) and reported where it is, as an error: the rule is not what was written.
 */
export function readRuleFile(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadResult {
  let fd: number
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (e) {
    return { ok: false, findings: [finding(DISCOVERY_CHECKS.path, 'error', fileStart(file), `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)] }
  }
  try {
    const st = fstatSync(fd)
    if (!st.isFile()) return { ok: false, findings: [finding(DISCOVERY_CHECKS.skipped, 'error', fileStart(file), `not read: ${fileType(st)}, not a regular file`)] }
    if (st.size > maxBytes) return { ok: false, findings: [tooLarge(file, st.size, maxBytes)] }
    // The common case in one native call (read and decode): a file whose text has no U+FFFD was
    // valid UTF-8 (every invalid sequence decodes to one), and one that kept its size is the
    // file fstat saw. Anything else is read again byte by byte below, to say where it is invalid.
    const text = readFileSync(fd, 'utf8')
    if ((text.length === st.size || Buffer.byteLength(text) === st.size) && !text.includes('\uFFFD')) return { ok: true, text, findings: [] }
    const buf = Buffer.allocUnsafe(st.size)
    let got = 0
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, got)
      if (n === 0) break
      got += n
    }
    // A file that grew after fstat is read only up to its size then: the check above stays true.
    const bytes = buf.subarray(0, got)
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      // PowerShell's `>` writes UTF-16: say so once rather than report every other byte.
      return { ok: false, findings: [finding(DISCOVERY_CHECKS.encoding, 'error', fileStart(file), 'not read: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8')] }
    }
    const decoded = decodeUtf8(bytes)
    const findings = decoded.invalid.map((p, i) =>
      finding(
        DISCOVERY_CHECKS.encoding,
        'error',
        { file, line: p.line, column: p.column },
        `invalid UTF-8 (byte 0x${p.byte.toString(16).padStart(2, '0')}): read as U+FFFD, so the text here is not what was written` +
          (i === 0 && decoded.invalidCount > 1 ? ` (${decoded.invalidCount} invalid sequences in the file${decoded.invalidCount > decoded.invalid.length ? `, the first ${decoded.invalid.length} reported` : ''})` : ''),
      ),
    )
    return { ok: true, text: decoded.text, findings }
  } catch (e) {
    return { ok: false, findings: [finding(DISCOVERY_CHECKS.path, 'error', fileStart(file), `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)] }
  } finally {
    closeSync(fd)
  }
}

export function tooLarge(file: string, size: number, maxBytes: number): Finding {
  return finding(
    DISCOVERY_CHECKS.skipped,
    'error',
    fileStart(file),
    `not read: ${formatSize(size)} is over the ${formatSize(maxBytes)} limit for a rule file (raise limits.ruleFileSize in the config or --max-file-size, or exclude the file)`,
  )
}
