import { createRequire } from 'node:module'

/** A syntax error reported by Microsoft's KQL parser, at offsets of the query text. */
export interface OfficialDiagnostic {
  code: string
  message: string
  start: number
  end: number
}

interface KustoGlobals {
  Kusto: { Language: { KustoCode: { Parse(text: string): { GetDiagnostics(): unknown } } } }
  Bridge: { toArray(list: unknown): { Severity: string; Code: string; Message: string; Start: number; End: number }[] }
}

let parser: KustoGlobals | undefined

/**
 * Microsoft's own parser (`@kusto/language-service-next`, a Bridge.NET build of Kusto.Language),
 * loaded on first use only: loading and the first parse cost seconds (BENCHMARKS.md).
 * It defines the globals `Bridge`, `System` and `Kusto`.
 */
function load(): KustoGlobals {
  if (!parser) {
    const require = createRequire(import.meta.url)
    require('@kusto/language-service-next/bridge.min.js')
    require('@kusto/language-service-next/Kusto.Language.Bridge.min.js')
    parser = globalThis as unknown as KustoGlobals
  }
  return parser
}

/** Syntax errors of a query by Kusto's real grammar (no schema: names are not resolved). */
export function officialSyntaxErrors(query: string): OfficialDiagnostic[] {
  const k = load()
  const code = k.Kusto.Language.KustoCode.Parse(query)
  return k.Bridge.toArray(code.GetDiagnostics())
    .filter((d) => d.Severity === 'Error')
    .map((d) => ({ code: d.Code, message: d.Message, start: d.Start, end: d.End }))
}

export function officialParserLoaded(): boolean {
  return parser !== undefined
}
