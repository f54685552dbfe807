import { readFileSync } from 'node:fs'

export const TOOL_NAME = 'ruleproof'
export const TOOL_URI = 'https://github.com/ruleproof/ruleproof'

let version: string | undefined

/** The package version, read once from package.json (reports name the tool that wrote them). */
export function toolVersion(): string {
  if (version === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }
      version = typeof pkg.version === 'string' ? pkg.version : '0.0.0'
    } catch {
      version = '0.0.0'
    }
  }
  return version
}
