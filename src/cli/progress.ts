import type { CliIo } from './io.js'

/**
 * Progress of a long run on stderr (never stdout, where reports go). On a terminal: one line
 * redrawn at most every 200 ms with done/total, rate and ETA. Elsewhere (CI logs): one plain line
 * every `interval` ms, the first only once the run has lasted that long (short runs stay quiet).
 */
export interface Progress {
  /** `done` units of `total` finished (total may grow, e.g. a stream of unknown length: 0 = unknown). */
  update(done: number, total?: number): void
  /** Ends the line on a terminal; prints nothing else. */
  end(): void
}

export interface ProgressOptions {
  /** What is counted: `actions`, `records`, `checks`. */
  unit: string
  /** Prefix of each line, e.g. `ruleproof replay`. */
  label: string
  total?: number
  /** Plain-line period. @defaultValue 5000 */
  interval?: number
  now?: () => number
}

const NONE: Progress = { update: () => {}, end: () => {} }

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?'
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

/** The words of one progress line: `1200/5000 records (24%), 400/s, ETA 9s`. */
export function progressText(done: number, total: number, elapsedMs: number, unit: string): string {
  const rate = done / Math.max(0.001, elapsedMs / 1000)
  const rateText = rate >= 100 ? String(Math.round(rate)) : rate.toFixed(1)
  if (total <= 0) return `${done} ${unit}, ${rateText}/s`
  const pct = Math.floor((Math.min(done, total) / total) * 100)
  const eta = done >= total ? 'done' : rate > 0 ? `ETA ${duration((total - done) / rate)}` : 'ETA ?'
  return `${done}/${total} ${unit} (${pct}%), ${rateText}/s, ${eta}`
}

/** A progress reporter for the CLI's streams; silent when the CLI runs in-process without `io.progress`. */
export function createProgress(io: CliIo, o: ProgressOptions): Progress {
  const mode = io.env['RULEPROOF_PROGRESS'] === '0' ? undefined : io.progress
  if (!mode) return NONE
  const now = o.now ?? Date.now
  const started = now()
  const interval = o.interval ?? 5000
  let total = o.total ?? 0
  let last = mode === 'tty' ? 0 : started
  let drawn = false
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) total = newTotal
      const t = now()
      if (mode === 'tty') {
        if (t - last < 200 && !(total > 0 && done >= total)) return
        last = t
        io.stderr(`\r\x1b[2K${o.label}: ${progressText(done, total, t - started, o.unit)}`)
        drawn = true
      } else if (t - last >= interval) {
        last = t
        io.stderr(`${o.label}: ${progressText(done, total, t - started, o.unit)}\n`)
      }
    },
    end() {
      if (drawn) io.stderr('\n')
      drawn = false
    },
  }
}
