/**
 * `lint --fix` on disk: each fixed file replaced atomically, and only if it still holds the text
 * that was linted. A file that is read-only, cannot be written (full disk, folder not writable)
 * or changed meanwhile is not fixed, with a warning; the findings are then those of the files
 * as they are on disk, not of fixes that were never written.
 */
import path from 'node:path'
import { replaceFileIfUnchanged } from '../../shared/atomic-write.js'
import { lintSources, relintable, type LintOptions, type LintResult, type LintSource } from '../engine.js'

export async function writeFixes(sources: readonly LintSource[], result: LintResult, options: LintOptions, cwd: string, warnings: string[]): Promise<LintResult> {
  const onDisk = new Map(sources.map((s) => [s.file, s.text]))
  let diverged = false
  for (const [file, text] of result.fixed) {
    const name = path.relative(cwd, file)
    let outcome: Awaited<ReturnType<typeof replaceFileIfUnchanged>> | 'failed'
    try {
      outcome = await replaceFileIfUnchanged(file, onDisk.get(file) ?? '', text)
    } catch (e) {
      outcome = 'failed'
      warnings.push(`${name} could not be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): not fixed`)
    }
    if (outcome === 'written' || outcome === 'unchanged') {
      onDisk.set(file, text)
      continue
    }
    diverged = true
    result.fixed.delete(file)
    if (outcome === 'changed-meanwhile') warnings.push(`${name} changed while lint ran: not fixed (run again)`)
    if (outcome === 'read-only') warnings.push(`${name} is read-only: not fixed`)
  }
  if (!diverged) return result
  const again = await lintSources(relintable(sources, onDisk), { ...options, fix: false })
  return { ...again, fixed: result.fixed }
}
