/**
 * What GitHub code scanning requires of an uploaded SARIF 2.1.0 file (docs.github.com
 * "SARIF support for code scanning"): written for these tests as a JSON schema, stricter than
 * the SARIF schema where GitHub is (rules need id, short/full description and help text;
 * results need a message, one physical location with a relative URI and a start line).
 */
const text = { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } } as const

export const githubSarifSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['$schema', 'version', 'runs'],
  properties: {
    $schema: { type: 'string', pattern: 'sarif' },
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        required: ['tool', 'results'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name', 'rules'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id', 'shortDescription', 'fullDescription', 'help'],
                      properties: {
                        id: { type: 'string', minLength: 1 },
                        shortDescription: text,
                        fullDescription: text,
                        help: text,
                        defaultConfiguration: { type: 'object', properties: { level: { enum: ['none', 'note', 'warning', 'error'] } } },
                        properties: { type: 'object', properties: { tags: { type: 'array', maxItems: 20, items: { type: 'string' } } } },
                      },
                    },
                  },
                },
              },
            },
          },
          results: {
            type: 'array',
            maxItems: 25000,
            items: {
              type: 'object',
              required: ['message', 'locations', 'ruleId'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: 0 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message: text,
                locations: {
                  type: 'array',
                  minItems: 1,
                  maxItems: 1000,
                  items: {
                    type: 'object',
                    required: ['physicalLocation'],
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        required: ['artifactLocation', 'region'],
                        properties: {
                          artifactLocation: {
                            type: 'object',
                            required: ['uri'],
                            // repo-relative: no scheme, no leading slash, forward slashes
                            properties: { uri: { type: 'string', pattern: '^(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!/)[^\\\\]+$' } },
                          },
                          region: {
                            type: 'object',
                            required: ['startLine'],
                            properties: {
                              startLine: { type: 'integer', minimum: 1 },
                              startColumn: { type: 'integer', minimum: 1 },
                              endLine: { type: 'integer', minimum: 1 },
                              endColumn: { type: 'integer', minimum: 1 },
                            },
                          },
                        },
                      },
                    },
                  },
                },
                partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
} as const

interface RunLike {
  tool?: { driver?: { name?: string; rules?: { id?: string; properties?: { tags?: unknown[] } }[] }; extensions?: unknown[] }
  automationDetails?: { id?: string }
  results?: { ruleId?: string; ruleIndex?: number; locations?: unknown[] }[]
}

/**
 * GitHub's documented upload rules beyond the schema ("SARIF support for code scanning",
 * "SARIF results exceed one or more limits"): at most 20 runs, 25,000 results and rules per run,
 * 100 tool extensions, 1,000 locations per result, 20 tags per rule, 10 MB per file; and no two
 * runs of one tool and category in one file (each run's category is its `automationDetails.id`
 * up to the last `/`). Returns what GitHub would reject, empty when nothing.
 */
export function githubUploadProblems(log: { runs?: RunLike[] }, text = JSON.stringify(log)): string[] {
  const problems: string[] = []
  const runs = log.runs ?? []
  if (runs.length > 20) problems.push(`${runs.length} runs (GitHub accepts 20 per file)`)
  if (Buffer.byteLength(text) > 10 * 1024 * 1024) problems.push('file larger than 10 MB')
  const seen = new Set<string>()
  runs.forEach((run, i) => {
    const id = run.automationDetails?.id ?? ''
    const category = id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : id
    const key = `${run.tool?.driver?.name ?? ''}\u0000${category}`
    if (seen.has(key)) problems.push(`run ${i} has the same tool (${run.tool?.driver?.name}) and category ('${category}') as an earlier run`)
    seen.add(key)
    const rules = run.tool?.driver?.rules ?? []
    const results = run.results ?? []
    if (results.length > 25000) problems.push(`run ${i}: ${results.length} results (25,000 per run)`)
    if (rules.length > 25000) problems.push(`run ${i}: ${rules.length} rules (25,000 per run)`)
    if ((run.tool?.extensions ?? []).length > 100) problems.push(`run ${i}: more than 100 tool extensions`)
    const ids = rules.map((r) => r.id)
    if (new Set(ids).size !== ids.length) problems.push(`run ${i}: rule ids repeat`)
    for (const r of rules) if ((r.properties?.tags ?? []).length > 20) problems.push(`run ${i}: rule ${r.id} has more than 20 tags`)
    results.forEach((r, j) => {
      if ((r.locations ?? []).length > 1000) problems.push(`run ${i} result ${j}: more than 1,000 locations`)
      if (r.ruleIndex !== undefined && rules[r.ruleIndex]?.id !== r.ruleId) problems.push(`run ${i} result ${j}: ruleIndex ${r.ruleIndex} is not rule ${r.ruleId}`)
    })
  })
  return problems
}
