/**
 * Renders chunks on worker threads and hands them back IN ORDER, so the output does not depend
 * on which thread finished first. At most `2 × workers` chunks are in flight, which bounds memory.
 * With one job (or when workers cannot start) chunks are rendered on the calling thread.
 */
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { renderChunk, type ChunkResult } from './chunk.js'
import type { DatasetConfig } from './config.js'

type Reply = { ok: true; result: ChunkResult } | { ok: false; chunk: number; error: string }

/** tsx's ESM loader API, when this module runs from TypeScript source and tsx can be found. */
function tsxLoader(self: string): string | undefined {
  try {
    return pathToFileURL(createRequire(self).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href
  } catch {
    return undefined
  }
}

/** Whether worker threads can run the renderer here (built JS, or TypeScript source with tsx). */
function workersAvailable(): boolean {
  return !import.meta.url.endsWith('.ts') || tsxLoader(import.meta.url) !== undefined
}

/**
 * A worker running worker.ts. Under tsx (the source tree) the worker registers tsx's loader
 * first; the built package runs worker.js directly.
 */
function startWorker(config: DatasetConfig): Worker {
  const self = import.meta.url
  const tsx = self.endsWith('.ts') ? tsxLoader(self) : undefined
  if (tsx) {
    const entry = new URL('./worker.ts', self).href
    const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}) })`
    return new Worker(code, { eval: true, workerData: config })
  }
  return new Worker(new URL('./worker.js', self), { workerData: config })
}

export interface RenderOptions {
  jobs: number
  signal?: AbortSignal
  /** First chunk to render (a shard's part starts there). @defaultValue 0 */
  from?: number
}

/** Yields the chunks from … chunks-1 in order. */
export async function* renderChunks(config: DatasetConfig, chunks: number, options: RenderOptions): AsyncGenerator<ChunkResult> {
  const from = options.from ?? 0
  const jobs = workersAvailable() ? Math.max(1, Math.min(options.jobs, chunks - from)) : 1
  if (jobs === 1) {
    for (let k = from; k < chunks; k++) {
      options.signal?.throwIfAborted()
      yield renderChunk(config, k)
      // Let I/O (writes, signals) run between chunks.
      await new Promise((r) => setImmediate(r))
    }
    return
  }
  const workers = Array.from({ length: jobs }, () => startWorker(config))
  const done = new Map<number, ChunkResult>()
  const waiting = new Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }>()
  let failure: Error | undefined
  let next = from
  const idle: Worker[] = []
  const assign = (w: Worker) => {
    if (next < chunks) w.postMessage(next++)
    else idle.push(w)
  }
  const fail = (e: Error) => {
    failure ??= e
    for (const { reject } of waiting.values()) reject(failure)
  }
  for (const w of workers) {
    w.on('message', (reply: Reply) => {
      if (!reply.ok) return fail(new Error(`dataset worker failed on chunk ${reply.chunk}: ${reply.error}`))
      const k = reply.result.chunk
      const wait = waiting.get(k)
      if (wait) {
        waiting.delete(k)
        wait.resolve(reply.result)
      } else done.set(k, reply.result)
      // Keep at most 2 × jobs chunks ahead of the writer.
      if (next - emitted < 2 * jobs) assign(w)
      else idle.push(w)
    })
    w.on('error', (e) => fail(e))
    w.on('exit', (code) => {
      if (code !== 0 && !closing) fail(new Error(`dataset worker exited with code ${code}`))
    })
  }
  let emitted = from
  let closing = false
  try {
    for (const w of workers) {
      assign(w)
      if (next < chunks) assign(w)
    }
    while (emitted < chunks) {
      options.signal?.throwIfAborted()
      if (failure) throw failure
      const k = emitted
      const result =
        done.get(k) ??
        (await new Promise<ChunkResult>((resolve, reject) => {
          const onAbort = () => reject(options.signal?.reason instanceof Error ? options.signal.reason : new Error('aborted'))
          const settle = () => options.signal?.removeEventListener('abort', onAbort)
          waiting.set(k, {
            resolve: (r) => (settle(), resolve(r)),
            reject: (e) => (settle(), reject(e)),
          })
          options.signal?.addEventListener('abort', onAbort, { once: true })
        }))
      done.delete(k)
      emitted++
      while (idle.length && next < chunks && next - emitted < 2 * jobs) assign(idle.pop()!)
      yield result
    }
  } finally {
    closing = true
    await Promise.all(workers.map((w) => w.terminate()))
  }
}
