import type { WorkerReply, WorkerRequestBody } from './protocol.js'
import type { Outcome, PantherWorker } from './client.js'

/** What a rule needs of its worker. */
export interface WorkerHandle {
  request<R = WorkerReply>(body: WorkerRequestBody, internal?: boolean, timeoutMs?: number): Promise<Outcome<R>>
}

/**
 * A lane is the worker of one group of rules: all of them (shared mode) or one rule file
 * (`--isolate`). It keeps the session its rules need (setup, rule imports) and replays it into
 * every worker it starts, so a lane can give up its worker to make room and get a fresh one
 * later without losing anything. At most `size` lanes have a live worker; the least recently
 * used idle one is closed when another needs room.
 */
export class LanePool {
  private readonly live: WorkerLane[] = []
  private waiting: (() => void)[] = []
  /** Workers started ahead of need, that no rule code has run in yet (see `spares`). */
  private ready: Promise<PantherWorker>[] = []
  private closed = false

  constructor(
    private readonly startWorker: () => Promise<PantherWorker>,
    private readonly size: number,
    /** Sees the reply to each session request a fresh worker replays (setup errors, once). */
    readonly onSession?: (body: WorkerRequestBody, outcome: Outcome) => void,
    /**
     * How many pristine workers to keep starting in the background (`--isolate`: the next rule
     * file's interpreter starts while this one's tests run). @defaultValue 0
     */
    private readonly spares = 0,
  ) {}

  /** Stops the spare workers (the lanes close their own). */
  async close(): Promise<void> {
    this.closed = true
    const ready = this.ready
    this.ready = []
    await Promise.all(ready.map((p) => p.then((w) => w.close(), () => {})))
  }

  lane(session: WorkerRequestBody[] = []): WorkerLane {
    return new WorkerLane(this, session)
  }

  /** @internal A worker for `lane`, once there is room. */
  async start(lane: WorkerLane): Promise<PantherWorker> {
    for (;;) {
      if (this.live.length < this.size) break
      const idle = this.live.find((l) => l.idle)
      if (idle) {
        this.drop(idle)
        await idle.release()
        continue
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    }
    this.live.push(lane)
    try {
      const worker = this.ready.shift() ?? this.startWorker()
      this.refill()
      return await worker
    } catch (e) {
      this.drop(lane)
      throw e
    }
  }

  private refill(): void {
    while (!this.closed && this.ready.length < this.spares) {
      const spare = this.startWorker()
      spare.catch(() => {}) // reported to the lane that takes it
      this.ready.push(spare)
    }
  }

  /** @internal Most recently used last; wakes a lane waiting for room. */
  touch(lane: WorkerLane): void {
    const i = this.live.indexOf(lane)
    if (i >= 0) this.live.push(...this.live.splice(i, 1))
    const wake = this.waiting
    this.waiting = []
    for (const w of wake) w()
  }

  /** @internal */
  drop(lane: WorkerLane): void {
    const i = this.live.indexOf(lane)
    if (i >= 0) this.live.splice(i, 1)
    this.touch(lane)
  }
}

export class WorkerLane implements WorkerHandle {
  private worker: Promise<PantherWorker> | undefined
  private active = 0
  private closed = false

  constructor(
    private readonly pool: LanePool,
    private session: WorkerRequestBody[],
  ) {}

  get idle(): boolean {
    return this.active === 0 && this.worker !== undefined
  }

  /** Adds a request every worker of this lane must have run (a successful rule import). */
  remember(body: WorkerRequestBody): void {
    this.session.push(body)
    void this.worker?.then((w) => w.remember(body), () => {})
  }

  async request<R = WorkerReply>(body: WorkerRequestBody, internal = false, timeoutMs?: number): Promise<Outcome<R>> {
    if (this.closed) return { kind: 'crash', message: 'the Panther worker was closed' }
    this.active++
    try {
      const worker = await this.ensure()
      return await worker.request<R>(body, internal, timeoutMs)
    } finally {
      this.active--
      this.pool.touch(this)
    }
  }

  private ensure(): Promise<PantherWorker> {
    this.worker ??= this.pool.start(this).then(async (w) => {
      for (const body of this.session) {
        w.remember(body)
        const outcome = await w.request(body, true)
        this.pool.onSession?.(body, outcome)
      }
      return w
    })
    const current = this.worker
    current.catch(() => {
      if (this.worker === current) this.worker = undefined
    })
    return current
  }

  /** Closes this lane's worker (a later request starts a fresh one). */
  async release(): Promise<void> {
    const current = this.worker
    this.worker = undefined
    await (await current?.catch(() => undefined))?.close()
  }

  async close(): Promise<void> {
    this.closed = true
    this.pool.drop(this)
    await this.release()
  }
}
