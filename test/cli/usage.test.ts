import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { prepareOutput, writeOutput } from '../../src/cli/output.js'
import { closest, editDistance } from '../../src/cli/suggest.js'
import { checkNumber, prepareArguments } from '../../src/cli/usage.js'
import { checkSpec } from '../../src/cli/commands/specs.js'

describe('did you mean', () => {
  const options = Object.keys(checkSpec.options)

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('varaints', 'variants')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
  })

  it.each([
    ['varaints', 'variants'],
    ['variant', 'variants'],
    ['VARIANTS', 'variants'],
    ['chnaged-since', 'changed-since'],
    ['failures', 'failures-only'],
    ['output', 'output'],
  ])('%s → %s', (typed, meant) => expect(closest(typed, options)).toBe(meant))

  it('suggests nothing far from every name, or a prefix of several', () => {
    expect(closest('frobnicate', options)).toBeUndefined()
    expect(closest('x', options)).toBeUndefined()
    expect(closest('', options)).toBeUndefined()
  })
})

describe('arguments', () => {
  it('hands a negative number to the option before it, for the number check to refuse', () => {
    expect(prepareArguments(checkSpec, ['rules', '--runs', '-1'])).toEqual(['rules', '--runs=-1'])
    expect(prepareArguments(checkSpec, ['--failures-only', '--', '--not-an-option'])).toEqual(['--failures-only', '--', '--not-an-option'])
  })

  it.each([
    ['7', { integer: true, min: 1 }, 7],
    ['0.25', { integer: false, min: 0, max: 1 }, 0.25],
    ['.5', { integer: false, min: 0, max: 1 }, 0.5],
  ])('accepts %s', (text, spec, n) => expect(checkNumber('n', text, spec)).toBe(n))

  it.each(['-1', 'abc', '1e3', '0x10', '', ' ', '3k', 'Infinity', 'NaN', '12345678901234567890'])('refuses %j for a whole number 1..1000', (text) => {
    expect(() => checkNumber('runs', text, { integer: true, min: 1, max: 1000 })).toThrow(`--runs must be a whole number between 1 and 1000, got '${text}'`)
  })
})

describe('--output', () => {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-output-'))
  afterAll(() => rmSync(cwd, { recursive: true, force: true }))

  it('writes the whole report, replaces an older one and leaves no temporary file', () => {
    const file = prepareOutput(cwd, 'out/a/report.txt')
    writeOutput(file, 'out/a/report.txt', 'one\n')
    writeOutput(file, 'out/a/report.txt', 'two\n')
    expect(readFileSync(file, 'utf8')).toBe('two\n')
    expect(readdirSync(path.dirname(file))).toEqual(['report.txt'])
  })

  it('refuses a folder, a path through a file, a missing folder elsewhere and an empty name', () => {
    mkdirSync(path.join(cwd, 'dir'))
    writeFileSync(path.join(cwd, 'file'), '')
    expect(() => prepareOutput(cwd, 'dir')).toThrow('--output dir: is a folder; give a file name')
    expect(() => prepareOutput(cwd, 'file/x.txt')).toThrow(/is not a folder$/)
    expect(() => prepareOutput(cwd, '../elsewhere-ruleproof-test/x.txt')).toThrow(/does not exist \(ruleproof creates missing folders only inside the current folder; create it first\)$/)
    expect(() => prepareOutput(cwd, '')).toThrow('--output needs a file name')
  })

  // Renaming a temporary file over /dev/null (as root in a CI container) replaced the device with
  // a regular file for the whole machine. A FIFO stands in for the device here.
  it.runIf(process.platform !== 'win32')('writes into a device or FIFO in place, never renames over it', async () => {
    const fifo = path.join(cwd, 'fifo')
    execFileSync('mkfifo', [fifo])
    const reader = spawn('cat', [fifo])
    let got = ''
    reader.stdout.setEncoding('utf8').on('data', (d: string) => (got += d))
    const closed = new Promise((resolve) => reader.on('close', resolve))
    try {
      writeOutput(prepareOutput(cwd, 'fifo'), 'fifo', 'report\n')
      expect(statSync(fifo).isFIFO()).toBe(true)
      await closed
      expect(got).toBe('report\n')
    } finally {
      reader.kill()
    }
  })
})
