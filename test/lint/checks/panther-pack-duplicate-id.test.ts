import check from '../../../src/lint/checks/panther-pack-duplicate-id.js'
import { checkTester } from '../../../src/lint/check-tester.js'

const pack = (ids: string) => `AnalysisType: pack\nPackID: P\nPackDefinition:\n  IDs: [${ids}]\n`

checkTester.run('panther-pack-duplicate-id', check, {
  valid: [{ code: pack('A.Rule, B.Rule'), filename: 'pack.yml' }],
  invalid: [
    {
      code: pack('A.Rule, B.Rule, A.Rule'),
      filename: 'pack.yml',
      errors: [{ messageId: 'loader', data: { message: "IDs lists 'A.Rule' twice (first at item 1)" }, line: 4, column: 25 }],
    },
  ],
})
