import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Readable, Writable } from 'node:stream'
import { UsageError } from '../../shared/errors.js'
import type { WorkerReply, WorkerRequest, WorkerRequestBody } from './protocol.js'
import { effectiveLimits, UNSHARE_ARGS, workerEnv, type SandboxLimits } from './sandbox.js'

export const WORKER_SCRIPT = fileURLToPath(new URL('./worker.py', import.meta.url))
/** ruleproof mutate's Python mutant generator (parses rule modules with ast; runs no rule code). */
export const MUTANTS_SCRIPT = fileURLToPath(new URL('./ruleproof_mutants.py', import.meta.url))
export const DEFAULT_TIMEOUT_MS = 5000
const STDERR_TAIL = 4096
/** A reply line longer than this is a protocol violation (prints are capped at 64 KiB a test). */
const MAX_REPLY_CHARS = 64 * 1024 * 1024
/** How long a worker tree told to stop (SIGTERM to its supervisor) gets before SIGKILL of its group. */
const KILL_GRACE_MS = 2000

export interface WorkerOptions {
  /** Interpreter; default: RULEPROOF_PYTHON, then `python3` on PATH. */
  python?: string
  /** Time limit per request (each test, each rule import). @defaultValue 5000 */
  timeoutMs?: number
  /** Names of environment variables passed to rule code besides the allow-list (`panther.env`). */
  env?: readonly string[]
  /** Resource limits; missing ones take the defaults, 0 turns one off. */
  limits?: SandboxLimits
  /** Start the worker in fresh user, network and PID namespaces (`unshare`; the caller checked support). */
  namespaces?: boolean
}

/** Every worker process tree still running, stopped when Node exits however it exits normally. */
const live = new Set<ChildProcess>()
let exitHook = false
function track(child: ChildProcess): void {
  live.add(child)
  child.once('exit', () => live.delete(child))
  if (!exitHook) {
    exitHook = true
    process.on('exit', () => {
      for (const c of live) stopTree(c, true)
    })
  }
}

/**
 * Stops a worker's process tree: SIGTERM makes its supervisor kill every process the rule code
 * started (ruleproof_sandbox.py); should the supervisor not exit, its process group is killed.
 */
function stopTree(child: ChildProcess, now = false): void {
  const pid = child.pid
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(pid, 'SIGTERM')
  } catch {
    return
  }
  const kill = (): void => {
    if (child.exitCode !== null || child.signalCode !== null) return
    try {
      process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL')
    } catch {
      child.kill('SIGKILL')
    }
  }
  if (now) return
  setTimeout(kill, KILL_GRACE_MS).unref()
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
  /** For a replayed request: its session entry (dropped when replaying it kills the worker). */
  origin?: WorkerRequest
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
 * respects back-pressure; replies arrive in order on fd 3. A reply is accepted only when it
 * carries this worker's secret token and the id of the request at the head of the queue:
 * anything else (a rule writing forged replies) breaks the protocol and costs the worker. A
 * request that outlives the time limit gets the worker's whole process tree killed; a worker
 * that dies takes only the request it was running with it. Either way a fresh worker is
 * started, the session (setup and rule imports) replayed, and the requests still waiting are
 * sent again: no other result is lost.
 *
 * The interpreter runs isolated (`-I`: no PYTHON* variables, no user site, no current folder on
 * sys.path) with an allow-listed environment and a temporary HOME, in its own session.
 */
export class PantherWorker {
  readonly python: string
  readonly timeoutMs: number
  /** Notes of the worker on limits it could not apply. */
  notes: string[] = []
  /** The interpreter binary itself (sys.executable): later workers skip a version manager's shim. */
  executable: string | undefined
  private readonly env: readonly string[]
  private readonly limits: Required<SandboxLimits>
  private readonly namespaces: boolean
  private home: string | undefined
  private token = ''
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
    this.env = options.env ?? []
    this.limits = effectiveLimits(options.limits)
    this.namespaces = options.namespaces === true
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
    worker.notes = (outcome.reply as { notes?: string[] }).notes ?? []
    const executable = (outcome.reply as { executable?: unknown }).executable
    if (typeof executable === 'string' && path.isAbsolute(executable)) worker.executable = executable
    const version = String((outcome.reply as { python?: string }).python ?? '0.0').split('.').map(Number)
    if ((version[0] ?? 0) < 3 || ((version[0] ?? 0) === 3 && (version[1] ?? 0) < 9)) {
      await worker.close()
      throw new UsageError(`Panther rules need Python >= 3.9; '${worker.python}' is ${version.join('.')}`)
    }
    return worker
  }

  private spawnChild(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.home ??= mkdtempSync(path.join(tmpdir(), 'ruleproof-py-'))
      const python = [this.python, '-I', '-B', WORKER_SCRIPT]
      const [command, ...args] = this.namespaces ? ['unshare', ...UNSHARE_ARGS, ...python] : python
      const child = spawn(command as string, args, {
        stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
        // The working folder stays ruleproof's (PAT runs rules from the repository root too).
        env: workerEnv(process.env, this.home, this.env),
        // Its own session and process group: killed as a group, never by the terminal's ^C alone.
        detached: process.platform !== 'win32',
      })
      const generation = ++this.generation
      this.child = child
      this.token = randomBytes(16).toString('hex')
      // The hello comes first: the reply token and the limits, applied before any rule code runs.
      this.outbox.unshift(`${JSON.stringify({ token: this.token, limits: this.limits })}\n`)
      let started = false
      child.once('spawn', () => {
        started = true
        track(child)
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
      // Pieces of the line not yet ended, joined once when its newline comes: linear in the
      // reply size however the pipe splits it.
      let pieces: string[] = []
      let size = 0
      replies.setEncoding('utf8')
      replies.on('data', (chunk: string) => {
        let start = 0
        let nl = chunk.indexOf('\n')
        while (nl >= 0) {
          const line = pieces.length > 0 ? pieces.join('') + chunk.slice(start, nl) : chunk.slice(start, nl)
          pieces = []
          size = 0
          if (line.trim() && generation === this.generation) this.onReply(line)
          start = nl + 1
          nl = chunk.indexOf('\n', start)
        }
        if (start < chunk.length) {
          pieces.push(start === 0 ? chunk : chunk.slice(start))
          size += chunk.length - start
          if (size > MAX_REPLY_CHARS && generation === this.generation) {
            pieces = []
            size = 0
            this.violation(`a reply longer than ${MAX_REPLY_CHARS} characters`)
          }
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
    let reply: (WorkerReply & { t?: unknown }) | undefined
    try {
      reply = JSON.parse(line) as WorkerReply & { t?: unknown }
    } catch {
      return this.violation(`an unreadable reply: ${line.slice(0, 200)}`)
    }
    if (reply === null || typeof reply !== 'object' || reply.t !== this.token) return this.violation('a reply without this worker\'s token')
    const head = this.queue[0]
    if (!head) return this.violation('a reply to no request')
    if (reply.id !== head.id) return this.violation(`a reply to request ${String(reply.id)} while request ${head.id} was running`)
    this.queue.shift()
    delete reply.t
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
    this.forget(head)
    head.resolve({ kind: 'timeout', ms: head.timeoutMs ?? this.timeoutMs })
    this.restart()
  }

  /**
   * Something other than the worker's reply to the running request came down the protocol
   * pipe: rule code writing to it, or a worker that lost its place. Nothing more it says can be
   * trusted: the running request fails and the worker is replaced.
   */
  private violation(what: string): void {
    const head = this.queue.shift()
    if (head) this.forget(head)
    head?.resolve({ kind: 'crash', message: `the Python worker broke the protocol (${what}): rule code may have written to the protocol pipe; the worker was restarted` })
    this.restart()
  }

  /** A replayed session request that killed the worker is not replayed again (no restart loop). */
  private forget(pending: Pending): void {
    if (pending.origin) this.session = this.session.filter((r) => r !== pending.origin)
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.closed) return
    const head = this.queue.shift()
    if (head) this.forget(head)
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
    if (kill && old) stopTree(old)
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
          const replay: Pending = { id, request: { ...request, id } as WorkerRequest, resolve: () => {}, internal: true, origin: request }
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
    if (child && child.exitCode === null && child.signalCode === null) {
      // End of input: the worker returns, and its supervisor kills whatever rule code left running.
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          stopTree(child)
          child.once('exit', () => resolve())
          setTimeout(resolve, KILL_GRACE_MS + 500).unref()
        }, 1000)
        t.unref?.()
        child.once('exit', () => {
          clearTimeout(t)
          resolve()
        })
        child.stdin?.end()
      })
    }
    if (this.home) rmSync(this.home, { recursive: true, force: true })
  }
}
