/**
 * Output files written under temporary names and renamed into place only when complete, so an
 * interrupted run never leaves a file that looks finished. manifest.json is renamed last: a
 * directory without it holds no complete dataset. Each file's SHA-256 is taken over the bytes
 * that reach the disk (compressed ones for gzip), for the manifest to vouch for them.
 */
import { createHash, type Hash } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { once } from 'node:events'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip, constants as zlib, type Gzip } from 'node:zlib'

/** Temporary names: `.<name>.partial-<pid>`; the pid tells a later run whether the writer is gone. */
export const PARTIAL = /^\..+\.partial-(\d+)$/

/** One output file: write text, then `commit` (rename into place) or `discard`. */
export class PendingFile {
  readonly final: string
  readonly temp: string
  private readonly file: WriteStream
  private readonly gzip?: Gzip
  private readonly finished: Promise<void>
  private readonly hash: Hash = createHash('sha256')
  private failure: Error | undefined
  /** Bytes of text written (uncompressed). */
  bytes = 0

  constructor(dir: string, name: string, gzip: boolean) {
    this.final = join(dir, name)
    this.temp = join(dir, `.${name}.partial-${process.pid}`)
    this.file = createWriteStream(this.temp)
    if (gzip) {
      // Level 1: ~2× faster than the default for ~15% larger files (ts-ecosystem §3).
      this.gzip = createGzip({ level: 1, strategy: zlib.Z_DEFAULT_STRATEGY })
      const hash = this.hash
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk)
          done(null, chunk)
        },
      })
      this.finished = pipeline(this.gzip, tap, this.file)
    } else {
      this.finished = once(this.file, 'close').then(() => undefined)
      // `once(…, 'close')` rejects on 'error', but the stream closes after an error too.
      this.file.once('error', (e) => (this.failure ??= e))
    }
    // Errors surface through `finished` and every later write; keep unhandled-rejection noise away.
    this.finished.catch((e: Error) => (this.failure ??= e))
  }

  /** Writes text, waiting when the stream asks for it (constant memory). */
  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure
    if (!text) return
    this.bytes += Buffer.byteLength(text)
    if (!this.gzip) this.hash.update(text)
    const target = this.gzip ?? this.file
    if (!target.write(text)) {
      // A stream that fails (disk full) never drains: wait for whichever comes first.
      await Promise.race([once(target, 'drain'), this.finished.then(() => Promise.reject(new Error(`${this.temp}: closed while writing`)))])
    }
    if (this.failure) throw this.failure
  }

  /** `sha256:<hex>` of the bytes on disk; valid after `commit`. */
  digest(): string {
    return `sha256:${this.hash.copy().digest('hex')}`
  }

  async commit(): Promise<void> {
    if (this.failure) throw this.failure
    ;(this.gzip ?? this.file).end()
    await this.finished
    if (this.failure) throw this.failure
    await rename(this.temp, this.final)
  }

  async discard(): Promise<void> {
    this.gzip?.destroy()
    this.file.destroy()
    await this.finished.catch(() => undefined)
    await rm(this.temp, { force: true })
  }
}
