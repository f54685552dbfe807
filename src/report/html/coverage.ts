import type { CoverageReport } from '../../coverage/build.js'
import { heatmapSection } from './heatmap.js'
import { htmlPage } from './page.js'

/** `ruleproof coverage --format html`: the heat map and the per-technique table. */
export function coverageHtml(report: CoverageReport, o: { rules: number }): string {
  return htmlPage('ruleproof coverage', `${o.rules} rules, ATT&CK v${report.attack}${report.dataset ? `, dataset ${report.dataset.dir}` : ''}`, [heatmapSection(report)])
}
