import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { LoadedRule } from '../../src/model/rule.js'
import { loadPantherRules, type PantherLoad, type PantherLoadOptions, type PantherResult } from '../../src/panther/index.js'
import { runCli, type CliRun } from '../helpers/cli.js'
import { namespaceSupport } from '../../src/panther/worker/sandbox.js'
import { hasPython, repo, ruleYaml, testYaml } from './helpers.js'

// Rules in a pull request are untrusted code: these tests are the attacks.

const loads: PantherLoad[] = []
afterAll(async () => {
  for (const l of loads) await l.close()
})

async function loadRepo(files: Record<string, string>, options: PantherLoadOptions = {}): Promise<PantherLoad & { dir: string }> {
  const dir = repo(files)
  const l = await loadPantherRules([path.join(dir, 'rules')], options)
  loads.push(l)
  return { ...l, dir }
}

/** One rule (Test.Rule, rules/rule.py) with the given tests. */
function oneRule(py: string, tests: string[]): Record<string, string> {
  return { 'rules/rule.yml': ruleYaml('Test.Rule', 'rule.py', `Tests:\n${tests.join('\n')}\n`), 'rules/rule.py': py }
}

async function runAll(rule: LoadedRule | undefined): Promise<PantherResult[]> {
  if (!rule) throw new Error('rule not loaded')
  const out: PantherResult[] = []
  for (const t of rule.tests) out.push((await rule.runTest(t)) as PantherResult)
  return out
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function gone(pid: number, ms = 4000): Promise<boolean> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (!alive(pid)) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return !alive(pid)
}

const FORGED = `json.dumps({"id": i, "ok": True, "result": {"output": True, "passed": True, "functions": {}, "stdout": "", "fields": []}}).encode() + b"\\n"`

describe.skipIf(!hasPython)('Panther worker sandbox: environment', () => {
  it('gives rule code an allow-listed environment, a temporary HOME and an isolated interpreter; panther.env adds names', async () => {
    process.env.RULEPROOF_TEST_SECRET = 'ghp_not_for_rules'
    process.env.RULEPROOF_TEST_WANTED = 'yes'
    try {
      const py = `import json, os, sys
def rule(event):
    print(json.dumps({"env": sorted(os.environ), "home": os.environ.get("HOME"), "isolated": sys.flags.isolated, "cwd": os.getcwd()}))
    return True
`
      // The interpreter itself, not a version manager's shim script that adds its own variables.
      const python = execFileSync(process.env.RULEPROOF_PYTHON ?? 'python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim()
      const { rules } = await loadRepo(oneRule(py, [testYaml('env', true, { a: 1 })]), { env: ['RULEPROOF_TEST_WANTED'], python })
      const [result] = await runAll(rules[0])
      const seen = JSON.parse(result?.stdout ?? '{}') as { env: string[]; home: string; isolated: number; cwd: string }
      expect(seen.env).not.toContain('RULEPROOF_TEST_SECRET')
      expect(seen.env).toContain('RULEPROOF_TEST_WANTED')
      expect(seen.env.filter((n) => !['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'PYTHONHASHSEED', 'RULEPROOF_TEST_WANTED'].includes(n))).toEqual([])
      expect(seen.home).not.toBe(homedir())
      expect(seen.home.startsWith(tmpdir())).toBe(true)
      expect(seen.isolated).toBe(1)
    } finally {
      delete process.env.RULEPROOF_TEST_SECRET
      delete process.env.RULEPROOF_TEST_WANTED
    }
  })

  it('applies resource limits: memory, file size, open files, processes', async () => {
    const py = `import os, resource
def rule(event):
    kind = event.get("kind")
    if kind == "memory":
        try:
            bytearray(400 << 20)
        except MemoryError:
            return True
        return False
    if kind == "file":
        try:
            with open(os.path.join(os.environ["HOME"], "big"), "wb") as f:
                f.write(b"x" * (3 << 20))
        except OSError:
            return True
        return False
    if kind == "files":
        held = []
        try:
            for _ in range(200):
                held.append(open(os.devnull))
        except OSError:
            return True
        finally:
            for f in held:
                f.close()
        return False
    if kind == "processes":
        soft, hard = resource.getrlimit(resource.RLIMIT_NPROC)
        return soft != resource.RLIM_INFINITY and soft == hard
    return False
`
    const { rules } = await loadRepo(
      oneRule(py, ['memory', 'file', 'files', 'processes'].map((kind) => testYaml(kind, true, { kind }))),
      { limits: { memoryMb: 200, fileSizeMb: 1, openFiles: 64, processes: 16 } },
    )
    const results = await runAll(rules[0])
    expect(results.map((r) => [r.test, r.status, r.message])).toEqual(['memory', 'file', 'files', 'processes'].map((t) => [t, 'pass', undefined]))
  })
})

describe.skipIf(!hasPython)('Panther worker sandbox: processes rule code starts', () => {
  it('kills the subprocess of a rule that hangs, with the worker, on timeout', async () => {
    const marks = mkdtempSync(path.join(tmpdir(), 'ruleproof-pids-'))
    const py = `import subprocess, time
def rule(event):
    child = subprocess.Popen(["sleep", "300"])
    with open(event.get("mark"), "w") as f:
        f.write(str(child.pid))
    time.sleep(300)
    return True
`
    const { rules } = await loadRepo(oneRule(py, [testYaml('hangs', true, { mark: path.join(marks, 'pid') })]), { timeoutMs: 1500 })
    const [result] = await runAll(rules[0])
    expect(result?.status).toBe('error')
    expect(result?.message).toMatch(/timed out after 1500 ms/)
    const pid = Number(readFileSync(path.join(marks, 'pid'), 'utf8'))
    expect(await gone(pid)).toBe(true)
  })

  it('leaves no process behind after close(), not even one in its own session or a double-forked daemon', async () => {
    const marks = mkdtempSync(path.join(tmpdir(), 'ruleproof-pids-'))
    const py = `import os, subprocess
def rule(event):
    mark = event.get("mark")
    a = subprocess.Popen(["sleep", "300"])
    b = subprocess.Popen(["sleep", "300"], start_new_session=True)
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            with open(mark + ".daemon", "w") as f:
                f.write(str(os.getpid()))
            os.execvp("sleep", ["sleep", "300"])
        os._exit(0)
    with open(mark, "w") as f:
        f.write("%d %d" % (a.pid, b.pid))
    return True
`
    const l = await loadRepo(oneRule(py, [testYaml('spawns', true, { mark: path.join(marks, 'pid') })]))
    const [result] = await runAll(l.rules[0])
    expect(result?.status).toBe('pass')
    const pids = readFileSync(path.join(marks, 'pid'), 'utf8').split(' ').map(Number)
    for (let i = 0; i < 250 && !existsSync(path.join(marks, 'pid.daemon')); i++) await new Promise((r) => setTimeout(r, 20))
    pids.push(Number(readFileSync(path.join(marks, 'pid.daemon'), 'utf8')))
    expect(pids.every(alive)).toBe(true)
    const started = Date.now()
    await l.close()
    expect(Date.now() - started).toBeLessThan(10_000)
    for (const pid of pids) expect(await gone(pid)).toBe(true)
  })

  it('leaves no process behind when ruleproof itself is killed (SIGKILL)', async () => {
    const marks = mkdtempSync(path.join(tmpdir(), 'ruleproof-pids-'))
    const py = `import subprocess
def rule(event):
    child = subprocess.Popen(["sleep", "300"], start_new_session=True)
    with open(event.get("mark"), "w") as f:
        f.write(str(child.pid))
    return True
`
    const dir = repo(oneRule(py, [testYaml('spawns', true, { mark: path.join(marks, 'pid') })]))
    const index = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/panther/index.ts')
    const script = `import { loadPantherRules } from ${JSON.stringify(pathToFileURL(index).href)}
const l = await loadPantherRules([${JSON.stringify(path.join(dir, 'rules'))}])
const r = await l.rules[0].runTest(l.rules[0].tests[0])
console.log(r.status)
setInterval(() => {}, 1000)
`
    const node = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    const status = await new Promise<string>((resolve) => node.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())))
    expect(status).toBe('pass')
    const pid = Number(readFileSync(path.join(marks, 'pid'), 'utf8'))
    expect(alive(pid)).toBe(true)
    node.kill('SIGKILL')
    expect(await gone(pid)).toBe(true)
  })

  it('a rule printing 20 MB is a result, not a timeout; what it printed is kept up to a bound', async () => {
    const py = `import sys
def rule(event):
    if event.get("loop"):
        for _ in range(50000):
            print("y" * 399)
    else:
        print("x" * 20000000)
    sys.stderr.write("done")
    return False
`
    const { rules } = await loadRepo(oneRule(py, [testYaml('one print', true, { a: 1 }), testYaml('many prints', true, { loop: true })]), { timeoutMs: 4000 })
    const results = await runAll(rules[0])
    expect(results.map((r) => r.status)).toEqual(['fail', 'fail'])
    for (const r of results) {
      expect(r.message).toMatch(/^expected match, rule\(\) returned False/)
      expect(r.stdout?.length).toBeLessThan(70 * 1024)
      expect(r.stdout).toMatch(/more characters printed, not kept\)$/)
    }
  })
})

describe.skipIf(!hasPython)('Panther worker sandbox: forged verdicts', () => {
  const honest = {
    'rules/honest.yml': ruleYaml('Honest.Rule', 'honest.py', `Tests:\n${testYaml('wrongly expects a match', true, { a: 1 })}\n${testYaml('no match', false, { a: 1 })}\n`),
    'rules/honest.py': 'def rule(event):\n    return False\n',
  }

  it('a reply a rule writes to fd 3 is not accepted', async () => {
    const py = `import json, os
def rule(event):
    for i in range(1, 200):
        try:
            os.write(3, ${FORGED})
        except OSError:
            pass
    return False
`
    const { rules } = await loadRepo({ ...oneRule(py, [testYaml('forges', true, { a: 1 })]), ...honest })
    const forger = await runAll(rules.find((r) => r.id === 'Test.Rule'))
    expect(forger.map((r) => r.status)).toEqual(['fail'])
    const others = await runAll(rules.find((r) => r.id === 'Honest.Rule'))
    expect(others.map((r) => r.status)).toEqual(['fail', 'pass'])
  })

  it('a reply a rule writes to every open fd breaks the protocol: an error, never a pass', async () => {
    const py = `import json, os
def rule(event):
    for fd in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else range(3, 1024):
        for i in range(1, 50):
            try:
                os.write(int(fd), ${FORGED})
            except OSError:
                break
    return False
`
    const { rules } = await loadRepo({ ...oneRule(py, [testYaml('forges', true, { a: 1 })]), ...honest })
    const forger = await runAll(rules.find((r) => r.id === 'Test.Rule'))
    expect(forger.map((r) => r.status)).toEqual(['error'])
    expect(forger[0]?.message).toMatch(/the Python worker broke the protocol/)
    const others = await runAll(rules.find((r) => r.id === 'Honest.Rule'))
    expect(others.map((r) => r.status)).toEqual(['fail', 'pass'])
  })

  it('a rule that monkeypatches the runner to pass every test does not make a failing test pass', async () => {
    const evil = `import ruleproof_runner
_run = ruleproof_runner.Runner.run
def run(self, *args, **kwargs):
    result = _run(self, *args, **kwargs)
    result["passed"] = True
    result["trigger"] = True
    return result
ruleproof_runner.Runner.run = run
ruleproof_runner._passed = lambda *args: True
def rule(event):
    return False
`
    const { rules } = await loadRepo({ ...oneRule(evil, [testYaml('evil', true, { a: 1 })]), ...honest })
    expect((await runAll(rules.find((r) => r.id === 'Test.Rule'))).map((r) => r.status)).toEqual(['fail'])
    expect((await runAll(rules.find((r) => r.id === 'Honest.Rule'))).map((r) => r.status)).toEqual(['fail', 'pass'])
  })

  it('with isolate, a rule that tampers with the runner changes only its own results', async () => {
    const evil = `import ruleproof_runner
_run = ruleproof_runner.Runner.run
def run(self, *args, **kwargs):
    result = _run(self, *args, **kwargs)
    result["output"] = True
    return result
ruleproof_runner.Runner.run = run
def rule(event):
    return False
`
    const files = { ...oneRule(evil, [testYaml('evil', true, { a: 1 })]), ...honest }
    const shared = await loadRepo(files)
    // Sharing one interpreter, the tampering reaches the next rule (docs/security.md says so).
    expect((await runAll(shared.rules.find((r) => r.id === 'Honest.Rule'))).map((r) => r.status)).toEqual(['pass', 'fail'])
    const isolated = await loadRepo(files, { isolate: true })
    expect((await runAll(isolated.rules.find((r) => r.id === 'Test.Rule'))).map((r) => r.status)).toEqual(['pass'])
    expect((await runAll(isolated.rules.find((r) => r.id === 'Honest.Rule'))).map((r) => r.status)).toEqual(['fail', 'pass'])
  })
})

describe.skipIf(!hasPython)('Panther worker sandbox: --isolate', () => {
  it('runs each rule file in a fresh worker and, where namespaces are allowed, without network', async () => {
    const py = (name: string) => `import os, socket
import shared_state
def rule(event):
    shared_state.seen.append("${name}")
    print(",".join(shared_state.seen))
    return [n for _, n in socket.if_nameindex()] == ["lo"]
`
    const files: Record<string, string> = {
      'rules/state.yml': 'AnalysisType: global\nGlobalID: shared_state\nFilename: shared_state.py\n',
      'rules/shared_state.py': 'seen = []\n',
    }
    for (const n of ['a', 'b', 'c']) {
      files[`rules/${n}.yml`] = ruleYaml(`R.${n}`, `${n}.py`, `Tests:\n${testYaml('net', true, { a: 1 })}\n`)
      files[`rules/${n}.py`] = py(n)
    }
    const l = await loadRepo(files, { isolate: true })
    const results = (await Promise.all(l.rules.map(runAll))).flat()
    const printed = results.map((r) => (r.stdout ?? '').trim().split('\n'))
    expect(printed.map((p) => p[0])).toEqual(['a', 'b', 'c'])
    const ns = namespaceSupport()
    if (ns.ok) {
      expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass'])
      expect(l.findings.filter((f) => f.check === 'panther-sandbox')).toEqual([])
    } else {
      expect(l.findings.map((f) => f.message)).toContain(`--isolate: rule code keeps network access: ${ns.why}`)
    }
  })
})

describe.skipIf(!hasPython)('Panther worker sandbox: the CLI and the config', () => {
  const cli = (cwd: string, ...argv: string[]): Promise<CliRun> => runCli(cwd, ...argv)
  const rule = {
    'rules/r.yml': ruleYaml('R.Net', 'r.py', `Tests:\n${testYaml('no network', true, { a: 1 })}\n`),
    'rules/r.py': 'import os, socket\ndef rule(event):\n    print(os.environ.get("RULEPROOF_TEST_WANTED"))\n    return [n for _, n in socket.if_nameindex()] == ["lo"]\n',
  }

  it('reports a config that names the interpreter, raises limits or passes variables; panther.env and panther.limits apply', async () => {
    const dir = repo({
      ...rule,
      'ruleproof.config.yml': 'rules: rules\npython: python3\npanther:\n  env: [RULEPROOF_TEST_WANTED]\n  limits:\n    memoryMb: 100000\n    openFiles: 64\n',
    })
    process.env.RULEPROOF_TEST_WANTED = 'from-ci'
    try {
      const r = await cli(dir, 'test', '--format', 'json')
      const report = JSON.parse(r.stdout) as { results: { stdout?: string }[] }
      expect(report.results[0]?.stdout).toBe('from-ci\n')
      expect(r.stderr).toContain('note: Panther rules run with the interpreter ruleproof.config.yml names (python: python3)')
      expect(r.stderr).toContain('note: ruleproof.config.yml raises the Python worker\'s limits (memoryMb: 100000)')
      expect(r.stderr).toContain('note: ruleproof.config.yml passes environment variables to rule code: RULEPROOF_TEST_WANTED')
    } finally {
      delete process.env.RULEPROOF_TEST_WANTED
    }
  })

  it.skipIf(!namespaceSupport().ok)('test --isolate and panther.isolate take the network away from rule code', async () => {
    const plain = await cli(repo(rule), 'test', 'rules')
    expect(plain.code).toBe(1)
    expect((await cli(repo(rule), 'test', 'rules', '--isolate')).code).toBe(0)
    expect((await cli(repo({ ...rule, 'ruleproof.config.yml': 'rules: rules\npanther:\n  isolate: true\n' }), 'test')).code).toBe(0)
  })
})

describe.skipIf(!hasPython)('Panther worker sandbox: after close()', () => {
  it('a test run after close() is an error and starts no worker', async () => {
    for (const isolate of [false, true]) {
      const l = await loadRepo(oneRule('def rule(event):\n    return True\n', [testYaml('t', true, { a: 1 })]), { isolate })
      await l.close()
      const [result] = await runAll(l.rules[0])
      expect(result?.status).toBe('error')
      expect(result?.message).toBe('the Panther worker was closed')
    }
  })
})
