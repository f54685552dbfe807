import { describe, expect, it } from 'vitest'
import { lookaroundBodies } from '../../../src/lint/redos.js'
import check from '../../../src/lint/checks/sigma-regex-redos.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-regex-redos', check, {
  valid: [
    { code: sigma("selection:\n    requestURI|re: 'a.*b.*c.*d'\ncondition: selection"), options: { minPolynomialDegree: 5 } },sigma("selection:\n    requestURI|re: '^/api/v1/namespaces/[a-z0-9-]+$'\ncondition: selection"), sigma("selection:\n    requestURI|re: '^(a+)+$'\ncondition: selection").replace("'^(a+)+$'", "'^a+$'")],
  invalid: [
    {
      code: sigma("selection:\n    requestURI|re: '^(a+)+$'\ncondition: selection"),
      errors: [{ messageId: 'exponential', line: 8, column: 24 }],
    },
    {
      code: sigma("selection:\n    requestURI|re: '^(a+)+$'\ncondition: selection").replace("'^(a+)+$'", "'a.*b.*c.*d'"),
      errors: [{ messageId: 'polynomial', data: { degree: 4 } }],
    },
    {
      // recheck alone rates this degree-2; the lookahead's body backtracks exponentially at every position.
      code: sigma("selection:\n    requestURI|re: '(?=(a+)+$)x'\ncondition: selection"),
      errors: [{ messageId: 'exponential', line: 8, column: 24 }],
    },
  ],
})

describe('lookaroundBodies', () => {
  it.each([
    ['(?=(a+)+$)x', ['(a+)+$']],
    ['x(?!(a+)+$)', ['(a+)+$']],
    ['(?<=a(?=b+))c', ['a(?=b+)', 'b+']],
    ['(?<!\\()[(?=]x', ['\\(']],
    ['(a)(?:b)', []],
  ])('%s', (pattern, bodies) => expect(lookaroundBodies(pattern)).toEqual(bodies))
})
