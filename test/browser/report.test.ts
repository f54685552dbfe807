// The HTML reports in a real browser: headless Chromium opens the page from disk with the network
// cut off, shows the matrix, expands a failure to its event and verdicts, draws the heat map, and
// runs nothing a rule's text holds. Screenshots go to docs/img/ (the README shows one).
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ruleproof } from '../e2e/cli.js'
import { hostileRules, HOSTILE_TITLE } from '../report/html/fixture.js'

const root = path.resolve(import.meta.dirname, '../..')
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']

let browser: Browser

beforeAll(async () => {
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  browser = await chromium.launch({ executablePath, args: FLAGS })
})
afterAll(async () => {
  await browser?.close()
})

/** Opens a report offline; collects any request leaving the file, dialogs and page errors. */
async function open(file: string): Promise<{ page: Page; requests: string[]; dialogs: string[]; errors: string[] }> {
  const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  const requests: string[] = []
  const dialogs: string[] = []
  const errors: string[] = []
  page.on('request', (r) => {
    if (r.url() !== pathToFileURL(file).href) requests.push(r.url())
  })
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(pathToFileURL(file).href)
  return { page, requests, dialogs, errors }
}

describe('HTML reports in Chromium', () => {
  it('check: matrix, a failure with its event and verdicts, the heat map; the hostile title stays text', async () => {
    const dir = hostileRules()
    const out = await ruleproof(['check', 'rules', '--format', 'html', '--output', 'report.html', '--runs', '2', '--variants', 'k8s,eks,gke'], dir)
    expect(out.code).toBe(1)
    const { page, requests, dialogs, errors } = await open(path.join(dir, 'report.html'))
    expect(await page.title()).toBe('ruleproof check')

    const row = page.locator('table.matrix tr[data-rule]')
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.locator('th').innerText()).toBe(HOSTILE_TITLE)
    expect(await row.locator('td[data-variant="k8s"]').getAttribute('data-status')).toBe('fail')

    const failure = page.locator('details.failure-item').filter({ hasText: 'kubectl attach <b>is</b> exec too' }).first()
    expect(await failure.locator('pre.json').isVisible()).toBe(false)
    await failure.locator('summary').click()
    expect(await failure.locator('pre.json').isVisible()).toBe(true)
    expect(await failure.locator('pre.json').innerText()).toContain('"subresource": "attach"')
    expect(await failure.locator('tr[data-field="expected"]').locator('td').innerText()).toBe('match')
    expect(await failure.locator('tr[data-field="actual"]').locator('td').innerText()).toBe('no match')
    expect(await failure.locator('pre.repro').innerText()).toBe('ruleproof test rules/pod_exec.yml')
    // The test name's <b> is text, not bold markup.
    expect(await page.locator('details.failure-item b').count()).toBe(0)

    const cell = page.locator('.heatmap .tactic[data-tactic="execution"] .technique[data-technique="T1609"]')
    expect(await cell.isVisible()).toBe(true)
    expect(await cell.evaluate((e) => (globalThis as unknown as { getComputedStyle(el: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor)).toMatch(/^rgb\(/)

    expect(await page.locator('script').count()).toBe(0)
    expect(await page.locator('img').count()).toBe(0)
    expect(dialogs).toEqual([])
    expect(errors).toEqual([])
    expect(requests).toEqual([])
    mkdirSync(path.join(root, 'docs/img'), { recursive: true })
    await page.screenshot({ path: path.join(root, 'docs/img/check-report.png'), fullPage: false })
    await page.context().close()
  })

  it('coverage: the heat map of the bundled rules', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'ruleproof-browser-')), 'coverage.html')
    expect((await ruleproof(['coverage', 'rules', '--format', 'html', '--output', out, '--runs', '2'])).code).toBe(0)
    const { page, requests, dialogs } = await open(out)
    const cells = page.locator('.heatmap .technique[data-technique="T1053.003"]')
    expect(await cells.count()).toBeGreaterThan(0)
    expect(Number(await cells.first().getAttribute('data-score'))).toBe(100)
    expect(await page.locator('table.techniques tr[data-technique="T1053"]').innerText()).toContain('via T1053.003')
    expect(dialogs).toEqual([])
    expect(requests).toEqual([])
    await page.screenshot({ path: path.join(root, 'docs/img/coverage-report.png') })
    await page.context().close()
  })
})
