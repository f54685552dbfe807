import check from '../../../src/lint/checks/sigma-wildcard-backtracking.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-wildcard-backtracking', check, {
  valid: [
    sigma("selection:\n    requestURI: '*/exec*'\ncondition: selection"),
    sigma("selection:\n    requestURI|contains: 'a*b*c'\ncondition: selection"),
    // Escaped stars are text; runs of stars count once; regexes are sigma-regex-redos's.
    sigma("selection:\n    requestURI: 'a\\*b\\*c\\*d\\*e\\*f'\ncondition: selection"),
    sigma("selection:\n    requestURI: '**a***b**'\ncondition: selection"),
    sigma("selection:\n    requestURI|re: '.*a.*a.*a.*a.*a.*b'\ncondition: selection"),
    { code: sigma("selection:\n    requestURI: '*a*a*a*a*a*b'\ncondition: selection"), options: { maxWildcards: 6 } },
  ],
  invalid: [
    {
      code: sigma("selection:\n    requestURI: '*a*a*a*a*a*b'\ncondition: selection"),
      errors: [{ messageId: 'stars', data: { value: '*a*a*a*a*a*b', count: 6, max: 4, degree: 5 }, line: 8, column: 21 }],
    },
    {
      // contains adds the two stars it implies.
      code: sigma("selection:\n    requestURI|contains: 'a*b*c*d'\ncondition: selection"),
      errors: [{ messageId: 'stars', data: { value: 'a*b*c*d', count: 5, max: 4, degree: 4 } }],
    },
  ],
})
