/**
 * Worker-thread entry: renders the chunks the main thread asks for. The config arrives once as
 * workerData; each message is a chunk index, each reply the rendered chunk.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { renderChunk } from './chunk.js'
import type { DatasetConfig } from './config.js'

const config = workerData as DatasetConfig
parentPort?.on('message', (chunk: number) => {
  try {
    parentPort?.postMessage({ ok: true, result: renderChunk(config, chunk) })
  } catch (e) {
    parentPort?.postMessage({ ok: false, chunk, error: e instanceof Error ? e.stack ?? e.message : String(e) })
  }
})
