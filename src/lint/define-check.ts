import type { CheckContext, CheckHooks, CheckMeta, CheckModule } from './types.js'

const NO_OPTIONS = { type: 'object', properties: {}, additionalProperties: false } as const

/**
 * Declares a check. Plain data plus one `create`; no registration side effect (the registry in
 * checks/index.ts lists every check by hand).
 */
export function defineCheck<M extends string, O extends object = Record<string, never>>(definition: {
  id: string
  meta: Omit<CheckMeta<M>, 'schema'> & { schema?: Record<string, unknown> }
  defaultOptions?: O
  create(context: CheckContext<M, O>): CheckHooks
}): CheckModule<M, O> {
  return {
    id: definition.id,
    meta: { ...definition.meta, schema: definition.meta.schema ?? NO_OPTIONS },
    defaultOptions: (definition.defaultOptions ?? {}) as O,
    create: definition.create,
  }
}
