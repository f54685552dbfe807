import { readFileSync } from 'node:fs'
import path from 'node:path'
import { mergeSpec } from './specs.js'
import type { Command } from '../command.js'
import { stringOption } from '../command.js'
import { prepareOutput, writeOutput } from '../output.js'
import { renderCheckReport } from '../../harness/check-report.js'
import { renderScores } from '../../harness/score.js'
import { dedupeFindings } from '../../lint/node/gate.js'
import { isReporterName, REPORTER_NAMES, resultsFailed, summarizeResults } from '../../report/index.js'
import { checkHtml } from '../../report/html/checks.js'
import { replayHtml } from '../../report/html/scores.js'
import { mergeScores, readShardReport, type ShardReport } from '../../report/merge.js'
import { summaryLine } from '../../report/text.js'
import { EXIT, LoadError, UsageError, unreadableFile } from '../../shared/errors.js'

export const mergeCommand: Command = {
  ...mergeSpec,
  async run(args, io) {
    if (args.positionals.length === 0) throw new UsageError('give the shards\' JSON reports: ruleproof merge shard-1.json shard-2.json …')
    const format = stringOption(args, 'format') ?? 'text'
    const output = stringOption(args, 'output')
    if (format === 'html' && output === undefined) throw new UsageError('--format html needs --output FILE')
    const outputFile = output === undefined ? undefined : prepareOutput(io.cwd, output)
    const reports: ShardReport[] = []
    for (const name of args.positionals) {
      const file = path.resolve(io.cwd, name)
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch (e) {
        throw unreadableFile(name, e, 'report')
      }
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch (e) {
        throw new LoadError(`not valid JSON: ${(e as Error).message}`, { file: name, line: 1, column: 1 })
      }
      try {
        reports.push(readShardReport(name, value))
      } catch (e) {
        throw new LoadError((e as Error).message.replace(`${name}: `, ''), { file: name, line: 1, column: 1 })
      }
    }
    const kinds = new Set(reports.map((r) => r.kind))
    if (kinds.size > 1) throw new UsageError('cannot merge check/test results with replay scores: merge each kind on its own')
    let report: string
    let code: number = EXIT.ok
    let line: string
    if (reports[0]!.kind === 'scores') {
      const parts = reports as Extract<ShardReport, { kind: 'scores' }>[]
      const formats = ['text', 'json', 'markdown', 'html']
      if (!formats.includes(format)) throw new UsageError(`unknown format '${format}' for replay scores (known: ${formats.join(', ')})`)
      const scores = mergeScores(parts.map((p) => p.scores))
      const dirs = [...new Set(parts.map((p) => p.dataset.dir))]
      const dataset = { dir: dirs.join(', '), ...(parts[0]!.dataset.seed !== undefined ? { seed: parts[0]!.dataset.seed } : {}) }
      report = format === 'html' ? replayHtml(scores, dataset) : renderScores(format as 'text' | 'json' | 'markdown', scores, dataset)
      line = `${scores.length} rule × variant scores from ${parts.length} shards`
    } else {
      const parts = reports as Extract<ShardReport, { kind: 'results' }>[]
      if (format !== 'html' && !isReporterName(format)) throw new UsageError(`unknown format '${format}' (known: ${REPORTER_NAMES.join(', ')}, html)`)
      const results = parts.flatMap((p) => p.results)
      const findings = dedupeFindings(parts.flatMap((p) => p.findings))
      const summary = summarizeResults(results)
      const files = parts.reduce((n, p) => n + p.files, 0)
      const rules = parts.reduce((n, p) => n + p.rules, 0)
      report = format === 'html' ? checkHtml(results, summary, findings, { title: 'ruleproof check (merged)' }) : renderCheckReport(format, results, summary, findings, { files, rules, color: false })
      if (resultsFailed(summary) || findings.some((f) => f.severity === 'error')) code = EXIT.failed
      line = `${parts.length} shards: ${summaryLine(summary)}`
    }
    if (output !== undefined && outputFile !== undefined) {
      writeOutput(outputFile, output, report)
      io.stdout(`ruleproof merge: ${line}; report in ${output}\n`)
    } else io.stdout(report)
    return code
  },
}
