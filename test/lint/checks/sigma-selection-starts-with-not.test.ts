import check from '../../../src/lint/checks/sigma-selection-starts-with-not.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-selection-starts-with-not', check, {
  valid: [sigma('selection:\n    verb: create\nfilter_not:\n    verb: get\ncondition: selection and not filter_not'), sigma('nothing:\n    verb: create\ncondition: nothing', { head: '' }).replace('nothing:', 'annotation:').replace('condition: nothing', 'condition: annotation')],
  invalid: [
    {
      code: sigma('selection:\n    verb: create\nnotification:\n    verb: get\ncondition: selection and not notification'),
      errors: [{ messageId: 'prefix', data: { name: 'notification', rest: 'ification' }, line: 9, column: 5 }],
    },
  ],
})
