// Progress of long runs: on stderr only; a redrawn line on a terminal, a plain line every few
// seconds elsewhere (the first only once the run has lasted that long), nothing in-process.
import { describe, expect, it } from 'vitest'
import { createProgress, progressText } from '../../src/cli/progress.js'
import type { CliIo } from '../../src/cli/io.js'
import { run } from '../../src/cli/main.js'

function io(progress?: CliIo['progress'], env: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const o = { out: '', err: '', cwd: process.cwd(), env, ...(progress ? { progress } : {}) } as CliIo & { out: string; err: string }
  o.stdout = (t) => void (o.out += t)
  o.stderr = (t) => void (o.err += t)
  return o
}

describe('progressText', () => {
  it('says done/total, percent, rate and ETA', () => {
    expect(progressText(1200, 5000, 3000, 'records')).toBe('1200/5000 records (24%), 400/s, ETA 10s')
    expect(progressText(5000, 5000, 10_000, 'records')).toBe('5000/5000 records (100%), 500/s, done')
    expect(progressText(10, 100_000, 2000, 'checks')).toBe('10/100000 checks (0%), 5.0/s, ETA 5h33m')
    expect(progressText(30, 0, 2000, 'records')).toBe('30 records, 15.0/s')
  })
})

describe('createProgress', () => {
  it('prints a plain line every interval when stderr is no terminal, never on stdout', () => {
    let t = 0
    const o = io('lines')
    const p = createProgress(o, { label: 'ruleproof replay', unit: 'records', total: 100, interval: 5000, now: () => t })
    for (let done = 1; done <= 100; done++) {
      t += 120
      p.update(done)
    }
    p.end()
    expect(o.out).toBe('')
    expect(o.err.split('\n').filter(Boolean)).toEqual(['ruleproof replay: 42/100 records (42%), 8.3/s, ETA 7s', 'ruleproof replay: 84/100 records (84%), 8.3/s, ETA 2s'])
  })

  it('redraws one line on a terminal and ends it', () => {
    let t = 0
    const o = io('tty')
    const p = createProgress(o, { label: 'ruleproof check', unit: 'checks', now: () => t })
    t += 100
    p.update(1, 4) // within 200 ms of the last draw: not drawn
    t += 150
    p.update(2, 4)
    t += 50
    p.update(3, 4) // not redrawn
    p.update(4, 4) // the end always is
    p.end()
    expect(o.err).toBe('\r\x1b[2Kruleproof check: 2/4 checks (50%), 8.0/s, ETA 0s\r\x1b[2Kruleproof check: 4/4 checks (100%), 13.3/s, done\n')
  })

  it('is silent in-process and with RULEPROOF_PROGRESS=0', () => {
    for (const o of [io(), io('lines', { RULEPROOF_PROGRESS: '0' })]) {
      const p = createProgress(o, { label: 'x', unit: 'y', interval: 0 })
      p.update(1, 2)
      p.end()
      expect(o.err).toBe('')
    }
  })

  it('a generate run with progress on writes its report to stdout and progress to stderr only', async () => {
    const o = io('tty')
    const dir = `${process.env['TMPDIR'] ?? '/tmp'}/ruleproof-progress-${process.pid}`
    expect(await run(['generate', '--variants', 'k8s', '--count', '1500', '--jobs', '1', '--out', dir], o)).toBe(0)
    expect(o.out).not.toContain('actions (')
    expect(o.err).toMatch(/ruleproof generate: 1500\/1500 actions \(100%\), [\d.]+\/s, done\n$/)
  })
})
