import { describe, expect, it } from 'vitest'
import { withArticle } from '../../src/cli/commands/explain.js'

describe('explain: its warnings read as English', () => {
  it.each([
    ['k8s', 'a k8s'],
    ['eks', 'an eks'],
    ['aks', 'an aks'],
    ['gke', 'a gke'],
    ['azure-activity', 'an azure-activity'],
  ])('%s record', (variant, words) => expect(withArticle(variant)).toBe(words))
})
