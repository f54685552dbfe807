import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/schema.js'
import { pipelineDocumentSchema } from '../../src/sigma/pipeline/parse.js'
import { correlationRuleSchema } from '../../src/sigma/schema/correlation.js'
import { detectionRuleSchema } from '../../src/sigma/schema/detection.js'
import { filterRuleSchema } from '../../src/sigma/schema/filter.js'
import { testListSchema, testSidecarSchema } from '../../src/sigma/schema/tests.js'

// The runtime validators skip meta-schema validation (start-up cost); this is where it happens.
describe('shipped JSON schemas', () => {
  const ajv = new Ajv2020({ strict: false })
  const schemas = { detectionRuleSchema, correlationRuleSchema, filterRuleSchema, testListSchema, testSidecarSchema, configSchema, pipelineDocumentSchema }
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name} is a valid JSON Schema 2020-12`, () => {
      expect(ajv.validateSchema(schema), ajv.errorsText(ajv.errors)).toBe(true)
    })
  }
})
