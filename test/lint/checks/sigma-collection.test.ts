import check from '../../../src/lint/checks/sigma-collection.js'
import { checkTester } from '../../../src/lint/check-tester.js'

const global = 'action: global\ntitle: Test\nid: 9f1c7a52-3d6e-4b8a-9c1d-2e4f6a8b0c1d\nlogsource:\n    product: kubernetes\n    service: audit\n'
const rule = '---\ndetection:\n    selection:\n        verb: create\n    condition: selection\n'

checkTester.run('sigma-collection', check, {
  valid: [global + rule],
  invalid: [
    {
      code: global + rule + '---\naction: merge\n',
      errors: [{ messageId: 'loader', data: { message: "unknown collection action 'merge' (known: global, reset, repeat)" } }],
    },
  ],
})
