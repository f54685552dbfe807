import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Readable, Writable } from 'node:stream'
import { UsageError } from '../../shared/errors.js'
import type { WorkerReply, WorkerRequest, WorkerRequestBody } from './protocol.js'

export const WORKER_SCRIPT = fileURLToPath(new URL('./worker.py', import.meta.url))
export const DEFAULT_TIMEOUT_MS = 5000
const STDERR_TAIL = 4096

export interface WorkerOptions {
  /** Interpreter; default: RULEPROOF_PYTHON, then `python3` on PATH. */
  python?: string
  /** Time limit per request (each test, each rule import). @defaultValue 5000 */
  timeoutMs?: number
}

/** How one request ended: a reply, or the worker had to be killed or died under it. */
export type Outcome<R = WorkerReply> =
  | { kind: 'reply'; reply: R }
  | { kind: 'timeout'; ms: number }
  | { kind: 'crash'; message: string }

interface Pending {
  id: number
  request: WorkerRequest
  resolve(outcome: Outcome): void
  /** When the worker started on it: its send time, or the previous reply's arrival. */
  startedAt?: number
  /** Part of the session (setup, successful loads) that a restarted worker must replay. */
  internal?: boolean
  /** Its own time limit (start-up and setup are not held to the per-test limit). */
  timeoutMs?: number
}

/** Interpreter start-up, helper imports and data-model compilation get this long. */
const STARTUP_TIMEOUT_MS = 60_000

export function pythonCommand(explicit?: string): string {
  return explicit ?? process.env.RULEPROOF_PYTHON ?? 'python3'
}

/**
 * Drives one long-lived CPython worker. Requests are pipelined through a single writer that
 * respects back-pressure; replies arrive in order on fd 3. A request that outlives the time
 * limit gets the worker killed; a worker that dies takes only the request it was running with
 * it. Either way a fresh worker is started, the session (setup and rule imports) replayed, and
 * the requests still waiting are sent again: no other result is lost.
 */
export class PantherWorker {
  readonly python: string
  readonly timeoutMs: number
  private child: ChildProcess | undefined
  private generation = 0
  private nextId = 1
  private queue: Pending[] = []
  private session: WorkerRequest[] = []
  private outbox: string[] = []
  private writing = false
  private timer: NodeJS.Timeout | undefined
  private stderrTail = ''
  private closed = false
  private restarting = false
  restarts = 0

  private constructor(options: WorkerOptions) {
    this.python = pythonCommand(options.python)
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  }

  /** Starts the worker and checks the interpreter answers; a missing one is one UsageError. */
  static async start(options: WorkerOptions = {}): Promise<PantherWorker> {
    const worker = new PantherWorker(options)
    await worker.spawnChild()
    const outcome = await worker.request({ op: 'ping' }, false, STARTUP_TIMEOUT_MS)
    if (outcome.kind !== 'reply' || !outcome.reply.ok) {
      await worker.close()
      throw new UsageError(
        `the Python interpreter '${worker.python}' did not start the Panther worker` +
          (outcome.kind === 'crash' ? `: ${outcome.message}` : ''),
      )
    }
    const version = String((outcome.reply as { python?: string }).python ?? '0.0').split('.').map(Number)
    if ((version[0] ?? 0) < 3 || ((version[0] ?? 0) === 3 && (version[1] ?? 0) < 9)) {
      await worker.close()
      throw new UsageError(`Panther rules need Python >= 3.9; '${worker.python}' is ${version.join('.')}`)
    }
    return worker
  }

  private spawnChild(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.python, [WORKER_SCRIPT], {
        stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' },
      })
      const generation = ++this.generation
      this.child = child
      let started = false
      child.once('spawn', () => {
        started = true
        resolve()
      })
      child.once('error', (err: NodeJS.ErrnoException) => {
        if (!started) {
          this.child = undefined
          reject(
            new UsageError(
              err.code === 'ENOENT'
                ? `Python interpreter '${this.python}' not found: Panther rules need Python >= 3.9 (install python3, or pass --python PATH / set RULEPROOF_PYTHON)`
                : `cannot start Python interpreter '${this.python}': ${err.message}`,
            ),
          )
        }
      })
      child.stdout?.on('data', () => {}) // stray output (already captured per test) is dropped
      child.stderr?.on('data', (chunk: Buffer) => {
        this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL)
      })
      const replies = child.stdio[3] as Readable
      let buffer = ''
      replies.setEncoding('utf8')
      replies.on('data', (chunk: string) => {
        buffer += chunk
        let nl = buffer.indexOf('\n')
        while (nl >= 0) {
          const line = buffer.slice(0, nl)
          buffer = buffer.slice(nl + 1)
          if (line.trim() && generation === this.generation) this.onReply(line)
          nl = buffer.indexOf('\n')
        }
      })
      // 'close', not 'exit': it comes after the reply pipe is drained, so a reply written just
      // before the process died is still delivered (and not blamed for the death).
      child.once('close', (code, signal) => {
        if (generation === this.generation) this.onExit(code, signal)
      })
      ;(child.stdin as Writable).on('error', () => {}) // EPIPE after a crash: handled via 'exit'
    })
  }

  /** Sends one request; the promise settles with its reply, a timeout or a crash. */
  request<R = WorkerReply>(body: WorkerRequestBody, internal = false, timeoutMs?: number): Promise<Outcome<R>> {
    if (this.closed) return Promise.resolve({ kind: 'crash', message: 'the Panther worker is closed' })
    return new Promise((resolve) => {
      const id = this.nextId++
      const request = { ...body, id } as WorkerRequest
      const pending: Pending = { id, request, resolve: resolve as (o: Outcome) => void, internal }
      if (timeoutMs !== undefined || body.op === 'setup' || body.op === 'ping') pending.timeoutMs = timeoutMs ?? STARTUP_TIMEOUT_MS
      this.queue.push(pending)
      if (!this.restarting) this.send(pending)
    })
  }

  /** Adds a request to the session a restarted worker replays (setup, rule imports). */
  remember(request: WorkerRequestBody): void {
    this.session.push(request as WorkerRequest)
  }

  private send(pending: Pending): void {
    this.outbox.push(`${JSON.stringify(pending.request)}\n`)
    if (this.queue[0] === pending && pending.startedAt === undefined) pending.startedAt = Date.now()
    this.armTimer()
    void this.flush()
  }

  private async flush(): Promise<void> {
    if (this.writing) return
    this.writing = true
    try {
      while (this.outbox.length > 0) {
        const stdin = this.child?.stdin
        if (!stdin || stdin.destroyed) return
        // Join what is waiting into one write: fewer syscalls, same order.
        const chunk = this.outbox.join('')
        this.outbox = []
        if (!stdin.write(chunk)) {
          await new Promise<void>((resolve) => {
            const done = (): void => {
              stdin.off('drain', done)
              stdin.off('close', done)
              resolve()
            }
            stdin.on('drain', done)
            stdin.on('close', done)
          })
        }
      }
    } finally {
      this.writing = false
    }
  }

  private onReply(line: string): void {
    const head = this.queue.shift()
    if (!head) return
    let reply: WorkerReply
    try {
      reply = JSON.parse(line) as WorkerReply
    } catch {
      reply = { id: head.id, ok: false, error: { type: 'ProtocolError', message: `unreadable reply: ${line.slice(0, 200)}` } }
    }
    const next = this.queue[0]
    if (next) next.startedAt = Date.now()
    this.armTimer()
    head.resolve({ kind: 'reply', reply })
  }

  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    const head = this.queue[0]
    if (!head || this.closed) return
    const started = head.startedAt ?? Date.now()
    head.startedAt = started
    const limit = head.timeoutMs ?? this.timeoutMs
    const wait = Math.max(0, started + limit - Date.now())
    this.timer = setTimeout(() => this.onTimeout(head), wait)
    this.timer.unref?.()
  }

  private onTimeout(head: Pending): void {
    if (this.queue[0] !== head) return
    this.queue.shift()
    head.resolve({ kind: 'timeout', ms: head.timeoutMs ?? this.timeoutMs })
    this.restart()
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.closed) return
    const head = this.queue.shift()
    const how = signal ? `signal ${signal}` : `exit code ${code}`
    const tail = this.stderrTail.trim()
    head?.resolve({ kind: 'crash', message: `the Python worker died (${how})${tail ? `; stderr: ${tail.slice(-800)}` : ''}` })
    this.stderrTail = ''
    this.restart(false)
  }

  private restart(kill = true): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    const old = this.child
    this.generation++ // ignore anything the old process still says
    if (kill && old && old.exitCode === null) old.kill('SIGKILL')
    this.child = undefined
    this.outbox = []
    this.restarts++
    if (this.closed) return
    this.restarting = true
    this.spawnChild().then(
      () => {
        this.restarting = false
        // Requests added while the new process started are in the queue too, in order.
        const waiting = this.queue
        this.queue = []
        for (const request of this.session) {
          const id = this.nextId++
          const replay: Pending = { id, request: { ...request, id } as WorkerRequest, resolve: () => {}, internal: true }
          if (request.op === 'setup') replay.timeoutMs = STARTUP_TIMEOUT_MS
          this.queue.push(replay)
          this.send(replay)
        }
        for (const pending of waiting) {
          pending.startedAt = undefined
          this.queue.push(pending)
          this.send(pending)
        }
      },
      (err: Error) => {
        this.restarting = false
        const waiting = this.queue
        this.queue = []
        for (const pending of waiting) pending.resolve({ kind: 'crash', message: err.message })
      },
    )
  }

  /** The stderr the worker wrote lately (for error messages). */
  get stderr(): string {
    return this.stderrTail
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    const child = this.child
    for (const pending of this.queue) pending.resolve({ kind: 'crash', message: 'the Panther worker was closed' })
    this.queue = []
    if (!child || child.exitCode !== null) return
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        child.kill('SIGKILL')
        resolve()
      }, 1000)
      t.unref?.()
      child.once('exit', () => {
        clearTimeout(t)
        resolve()
      })
      child.stdin?.end()
    })
  }
}
