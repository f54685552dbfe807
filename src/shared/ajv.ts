/**
 * ajv, loaded on first use. Importing it costs ~20 ms of start-up (about 90 CommonJS files),
 * which commands that never compile a schema at run time (lint's schemas are compiled ahead of
 * time: scripts/gen-validators.ts) should not pay.
 */
import { createRequire } from 'node:module'
import type * as Ajv2020Module from 'ajv/dist/2020.js'
import type AjvFormatsModule from 'ajv-formats'
import type { FormatName } from 'ajv-formats'

const require = createRequire(import.meta.url)

export type Ajv2020 = InstanceType<typeof Ajv2020Module.Ajv2020>
export type Ajv2020Options = ConstructorParameters<typeof Ajv2020Module.Ajv2020>[0]

/** A new draft 2020-12 ajv instance, with the named ajv-formats formats. */
export function createAjv2020(options: Ajv2020Options, formats: string[] = []): Ajv2020 {
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof Ajv2020Module
  const ajv = new Ajv2020(options)
  if (formats.length > 0) (require('ajv-formats') as typeof AjvFormatsModule).default(ajv, formats as FormatName[])
  return ajv
}
