import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { registry } from '../../src/lint/checks/index.js'
import { resolveLintConfig } from '../../src/lint/config.js'

describe('resolveLintConfig().forFile', () => {
  const root = path.resolve('/repo')
  const config = resolveLintConfig({ overrides: [{ files: ['rules/a.yml', 'top.yml'], severity: { 'field-value-domain': 'warning' } }] }, registry, root)
  const severity = (file: string) => config.forFile(file).get('field-value-domain')

  it('applies an override to the files it names, relative or absolute, and not to their neighbours', () => {
    expect(severity('rules/a.yml')).toBe('warning')
    expect(severity(path.join(root, 'rules/a.yml'))).toBe('warning')
    expect(severity(path.join(root, 'rules/b.yml'))).toBe('error')
    expect(severity('rules/b.yml')).toBe('error')
    expect(severity('top.yml')).toBe('warning')
    expect(severity(path.join(root, 'top.yml'))).toBe('warning')
    expect(severity(path.join(root, 'other/top.yml'))).toBe('error')
  })

  it('hands files with the same settings the same map', () => {
    expect(config.forFile('rules/b.yml')).toBe(config.forFile(path.join(root, 'x/y.yml')))
    expect(config.forFile('rules/a.yml')).toBe(config.forFile('top.yml'))
  })
})
