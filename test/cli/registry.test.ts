import { describe, expect, it } from 'vitest'
import { commands } from '../../src/cli/commands/index.js'

describe('command registry', () => {
  it('loads, for every entry, the implementation of that command with the same spec', async () => {
    for (const entry of commands) {
      const { load: _load, ...spec } = entry
      const command = await entry.load()
      expect(typeof command.run).toBe('function')
      expect({ name: command.name, summary: command.summary, usage: command.usage, options: command.options, ...(command.paths ? { paths: true } : {}) }).toEqual(spec)
    }
  })

  it('has unique command names', () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length)
  })
})
