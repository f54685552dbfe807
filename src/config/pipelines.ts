import { readFileSync } from 'node:fs'
import path from 'node:path'
import { LoadError, UsageError } from '../shared/errors.js'
import { parseYamlDocuments } from '../shared/yaml/index.js'
import { PipelineError, parsePipelineDocument } from '../sigma/pipeline/parse.js'
import type { PipelineDocument } from '../sigma/pipeline/types.js'

function readPipelineFile(file: string, key: string, configFile: string): unknown[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new UsageError(`${configFile}: ${key}: cannot read pipeline file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
  try {
    const values = file.endsWith('.json') ? [JSON.parse(text) as unknown] : parseYamlDocuments(text, file).map((d) => d.value)
    return values.flatMap((v) => (Array.isArray(v) ? v : [v]))
  } catch (e) {
    if (e instanceof LoadError) throw new UsageError(`${configFile}: ${key}: ${e.format()}`)
    throw new UsageError(`${configFile}: ${key}: ${file}: ${(e as Error).message}`)
  }
}

/**
 * The config's `pipelines` entries as checked pipeline documents: inline documents as they are,
 * strings as files (relative to the config's folder) holding one document or a list. Any problem
 * is a UsageError naming the config key.
 */
export function resolvePipelines(entries: readonly unknown[], root: string, configFile: string): PipelineDocument[] {
  const out: PipelineDocument[] = []
  entries.forEach((entry, i) => {
    const key = `pipelines[${i}]`
    const values = typeof entry === 'string' ? readPipelineFile(path.resolve(root, entry), key, configFile) : [entry]
    values.forEach((value, j) => {
      const source = typeof entry === 'string' ? `${key} (${entry}${values.length > 1 ? ` #${j}` : ''})` : key
      try {
        out.push(parsePipelineDocument(value, source))
      } catch (e) {
        if (e instanceof PipelineError) throw new UsageError(`${configFile}: ${e.message}`)
        throw e
      }
    })
  })
  return out
}
