import { spawn } from 'node:child_process'
import { tmpdir } from 'node:os'
import type { PythonModuleInfo } from '../host.js'

/**
 * Parses Python sources with the real CPython `ast` (one process for the whole batch): syntax
 * errors with their position, top-level functions, and the names a mock could patch.
 */
const SCRIPT = String.raw`
import ast, json, sys
out = {}
for path, src in json.load(sys.stdin).items():
    info = {"exists": True, "functions": [], "names": []}
    try:
        tree = ast.parse(src, filename=path)
    except SyntaxError as e:
        info["syntaxError"] = {"message": e.msg, "line": e.lineno or 1, "column": e.offset or 1}
        out[path] = info
        continue
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            info["functions"].append(node.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                names.add((a.asname or a.name).split(".")[0])
    info["names"] = sorted(names)
    out[path] = info
json.dump(out, sys.stdout)
`

/**
 * Runs `python` over the given sources; rejects when the interpreter cannot be started or the
 * helper fails. Lint never runs repository code: the interpreter runs isolated (`-I`: no
 * PYTHON* variables, no user site, no current folder on sys.path) from the temporary folder,
 * with only PATH and the locale of the environment, and the sources come in on stdin.
 */
export function analyzePythonSources(sources: ReadonlyMap<string, string>, python = 'python3'): Promise<Map<string, PythonModuleInfo>> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {}
    for (const name of ['PATH', 'LANG', 'LC_ALL', 'LC_CTYPE', 'SYSTEMROOT']) if (process.env[name] !== undefined) env[name] = process.env[name] as string
    const child = spawn(python, ['-I', '-c', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'], cwd: tmpdir(), env })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'ENOENT' ? `the Python interpreter '${python}' was not found` : `cannot start the Python interpreter '${python}': ${e.message}`)),
    )
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${python} failed (${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`))
      try {
        resolve(new Map(Object.entries(JSON.parse(stdout) as Record<string, PythonModuleInfo>)))
      } catch {
        reject(new Error(`${python} gave no readable answer: ${stdout.slice(0, 200)}`))
      }
    })
    child.stdin.end(JSON.stringify(Object.fromEntries(sources)))
  })
}
