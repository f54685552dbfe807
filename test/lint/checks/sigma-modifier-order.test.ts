import check from '../../../src/lint/checks/sigma-modifier-order.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const item = (key: string, value = "'x'") => sigma(`selection:\n    ${key}: ${value}\ncondition: selection`)

checkTester.run('sigma-modifier-order', check, {
  valid: [item('requestURI|re|i'), item('requestURI|base64offset|contains'), item('sourceIPs|cidr', '10.0.0.0/8'), item('requestURI|contains|windash')],
  invalid: [
    { code: item('requestURI|contains|re'), errors: [{ messageId: 'first', data: { modifier: 're' }, line: 8, column: 29 }] },
    { code: item('requestURI|i'), errors: [{ messageId: 'flagWithoutRe', data: { modifier: 'i' } }] },
    { code: item('requestURI|re|base64'), errors: [{ messageId: 'afterRe', data: { modifier: 'base64' } }] },
    { code: item('sourceIPs|cidr|contains', '10.0.0.0/8'), errors: [{ messageId: 'afterCidr', data: { modifier: 'contains' } }] },
    { code: item('requestURI|contains|base64'), errors: [{ messageId: 'encodeAfterWildcard', data: { modifier: 'base64', previous: 'contains' } }] },
    { code: item('requestURI|base64offset'), errors: [{ messageId: 'base64offsetContains' }] },
    { code: item('stageTimestamp|gte|hour', '22'), errors: [{ messageId: 'timeAfterComparison', data: { modifier: 'hour', previous: 'gte' } }] },
    { code: item('requestURI|contains|contains'), errors: [{ messageId: 'repeated', data: { modifier: 'contains' } }] },
  ],
})
