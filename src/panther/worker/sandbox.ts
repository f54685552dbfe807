import { spawnSync } from 'node:child_process'

/**
 * What the Python worker may use. Rule code in a pull request is untrusted: it gets an
 * allow-listed environment (no CI tokens), a throw-away HOME, resource limits and, with
 * `isolate` on Linux, no network (see docs/security.md).
 */
export interface SandboxLimits {
  /** Address space of the worker, in MiB (RLIMIT_AS). */
  memoryMb?: number
  /** Largest file rule code may write, in MiB (RLIMIT_FSIZE). */
  fileSizeMb?: number
  /** Open files (RLIMIT_NOFILE). */
  openFiles?: number
  /** Processes rule code may start beyond those the user already runs (RLIMIT_NPROC). */
  processes?: number
}

export const DEFAULT_LIMITS: Required<SandboxLimits> = { memoryMb: 2048, fileSizeMb: 64, openFiles: 256, processes: 64 }

/** Environment variables the worker always gets from ruleproof's own environment, when set. */
export const ENV_ALLOWLIST = ['PATH', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'PYTHONHASHSEED', 'SYSTEMROOT', 'WINDIR', 'COMSPEC', 'PATHEXT'] as const

/**
 * The worker's environment: the allow-list and the names `panther.env` adds, HOME and TMPDIR
 * pointing at the worker's own temporary folder. Nothing else of the caller's environment.
 */
export function workerEnv(source: NodeJS.ProcessEnv, home: string, extra: readonly string[] = []): Record<string, string> {
  const env: Record<string, string> = {}
  for (const name of [...ENV_ALLOWLIST, ...extra]) {
    const value = source[name]
    if (value !== undefined) env[name] = value
  }
  env.HOME = home
  env.TMPDIR = home
  env.LANG ??= 'C.UTF-8'
  return env
}

/** Limits with the defaults filled in; a value of 0 turns a limit off. */
export function effectiveLimits(limits: SandboxLimits = {}): Required<SandboxLimits> {
  return { ...DEFAULT_LIMITS, ...limits }
}

/** The limits a config raises above the defaults (or turns off), as `name: value` texts. */
export function raisedLimits(limits: SandboxLimits = {}): string[] {
  const out: string[] = []
  for (const [name, value] of Object.entries(limits) as [keyof SandboxLimits, number][]) {
    if (value === 0 || value > DEFAULT_LIMITS[name]) out.push(`${name}: ${value === 0 ? '0 (no limit)' : value}`)
  }
  return out
}

export const UNSHARE_ARGS = ['--user', '--map-root-user', '--net', '--pid', '--fork', '--kill-child'] as const

let namespaces: { ok: true } | { ok: false; why: string } | undefined

/**
 * Can this process create user, network and PID namespaces without privileges (`unshare`)?
 * Tried once per process; Linux only.
 */
export function namespaceSupport(): { ok: true } | { ok: false; why: string } {
  if (namespaces) return namespaces
  if (process.platform !== 'linux') return (namespaces = { ok: false, why: `not available on ${process.platform}` })
  const r = spawnSync('unshare', [...UNSHARE_ARGS, 'true'], { encoding: 'utf8', timeout: 5000 })
  if (r.error) return (namespaces = { ok: false, why: `unshare could not be run (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})` })
  if (r.status !== 0) return (namespaces = { ok: false, why: `unprivileged namespaces are not allowed here (unshare: ${r.stderr.trim().split('\n')[0] ?? `exit ${r.status}`})` })
  return (namespaces = { ok: true })
}
