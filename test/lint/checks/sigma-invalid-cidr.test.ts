import check from '../../../src/lint/checks/sigma-invalid-cidr.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const cidr = (v: string) => sigma(`selection:\n    sourceIPs|cidr: '${v}'\ncondition: selection`)

checkTester.run('sigma-invalid-cidr', check, {
  valid: [cidr('10.0.0.0/8'), cidr('192.168.1.7'), cidr('fe80::/10'), cidr('2001:db8::/32')],
  invalid: [
    { code: cidr('10.0.0.1/8'), errors: [{ messageId: 'hostBits', data: { value: '10.0.0.1/8', network: '10.0.0.0/8' }, line: 8, column: 25 }] },
    { code: cidr('256.0.0.0/8'), errors: [{ messageId: 'invalid', data: { value: '256.0.0.0/8' } }] },
    { code: cidr('10.0.0.0/33'), errors: [{ messageId: 'invalid', data: { value: '10.0.0.0/33' } }] },
    // A map is no network; one with a toString key has no String() either (found by the fuzz suite).
    { code: sigma('selection:\n    sourceIPs|cidr: {toString: false}\ncondition: selection'), errors: [{ messageId: 'invalid', data: { value: '{"toString":false}' } }] },
    { code: cidr('fe80::1/10'), errors: [{ messageId: 'hostBits', data: { value: 'fe80::1/10', network: 'fe80:0:0:0:0:0:0:0/10' } }] },
  ],
})
