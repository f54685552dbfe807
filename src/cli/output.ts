// `--output FILE`: where a report goes instead of stdout. Checked before the command does its
// work, so a typo costs nothing; one line and exit 3 when it cannot be written, never a trace.
import { accessSync, constants, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { UsageError, describeFsError } from '../shared/errors.js'

/**
 * Resolves `--output` against the current folder and makes sure it can be written. Missing
 * folders are created only inside the current folder (`--output reports/check.sarif`); a
 * folder elsewhere must exist already, so a typo never scatters folders across the disk.
 */
export function prepareOutput(cwd: string, output: string): string {
  if (output.trim() === '') throw new UsageError('--output needs a file name')
  const file = path.resolve(cwd, output)
  const dir = path.dirname(file)
  const inside = (p: string) => {
    const rel = path.relative(cwd, p)
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
  }
  const fail = (why: string): never => {
    throw new UsageError(`--output ${output}: ${why}`)
  }
  let st
  try {
    st = statSync(file)
  } catch {
    st = undefined
  }
  if (st?.isDirectory()) fail('is a folder; give a file name')
  let dirStat
  try {
    dirStat = statSync(dir)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') fail(`cannot write: ${describeFsError(e)}`)
  }
  if (dirStat === undefined) {
    if (!inside(dir)) fail(`folder ${dir} does not exist (ruleproof creates missing folders only inside the current folder; create it first)`)
    try {
      mkdirSync(dir, { recursive: true })
    } catch (e) {
      fail(`cannot create folder ${path.relative(cwd, dir)}: ${describeFsError(e)}`)
    }
  } else if (!dirStat.isDirectory()) {
    fail(`${dir} is not a folder`)
  }
  try {
    accessSync(dir, constants.W_OK)
    if (st) accessSync(file, constants.W_OK)
  } catch (e) {
    fail(`cannot write: ${describeFsError(e)}`)
  }
  return file
}

/** Writes the report whole or not at all: a temporary file next to it, renamed over it. */
export function writeOutput(file: string, output: string, text: string): void {
  let special = false
  try {
    special = !statSync(file).isFile()
  } catch {
    // Not there yet: written whole through a temporary file.
  }
  if (special) {
    // /dev/null, /dev/stdout, a FIFO: written in place. Renaming over them would replace the
    // device with a regular file (as root, `--output /dev/null` broke /dev/null for the machine).
    try {
      writeFileSync(file, text)
    } catch (e) {
      throw new UsageError(`--output ${output}: cannot write: ${describeFsError(e)}`)
    }
    return
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`)
  try {
    writeFileSync(tmp, text)
    renameSync(tmp, file)
  } catch (e) {
    rmSync(tmp, { force: true })
    throw new UsageError(`--output ${output}: cannot write: ${describeFsError(e)}`)
  }
}
