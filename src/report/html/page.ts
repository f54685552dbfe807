import { escapeHtml } from './escape.js'

// No script, no network: the page's CSP forbids both, so even a missed escape cannot run code or
// call home, and the file opens the same offline, from an artifact store or an e-mail.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

const STYLE = `
:root { color-scheme: light; --fail: #d73a49; --pass: #2da44e; --skip: #9a6700; --muted: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 0; color: #1f2328; background: #fff; }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); background: #f6f8fa; }
header h1 { margin: 0 0 4px; font-size: 20px; }
header p { margin: 0; color: var(--muted); }
main { padding: 8px 24px 32px; }
h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.pass { background: #dafbe1; color: #116329; } td.fail { background: #ffebe9; color: #a40e26; font-weight: 600; }
td.skip, td.untested { background: #fff8c5; color: #7d4e00; } td.none { color: #8c959f; }
.summary span { display: inline-block; margin-right: 16px; }
.status-fail, .status-error { color: var(--fail); font-weight: 600; } .status-pass { color: var(--pass); } .status-skip { color: var(--skip); }
details { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; padding: 6px 10px; }
details > summary { cursor: pointer; font-weight: 600; }
pre { background: #f6f8fa; padding: 8px; overflow: auto; max-height: 420px; margin: 6px 0; font-size: 12px; }
code { font-size: 12px; }
.heatmap { display: flex; gap: 4px; align-items: flex-start; overflow-x: auto; padding-bottom: 8px; }
.tactic { min-width: 130px; max-width: 170px; flex: 1 0 130px; }
.tactic h3 { font-size: 12px; margin: 0 0 4px; padding: 4px; background: #eaeef2; text-align: center; }
.technique { font-size: 11px; padding: 4px; margin-bottom: 3px; border-radius: 3px; border: 1px solid rgba(0,0,0,.08); }
.legend span { display: inline-block; padding: 2px 8px; margin-right: 6px; border-radius: 3px; font-size: 12px; }
.muted { color: var(--muted); }
`

/** One self-contained page: inline CSS, no script, no external resource. */
export function htmlPage(title: string, subtitle: string, sections: string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ruleproof">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(subtitle)}</p></header>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`
}

/** Red (0) → yellow (50) → green (100), the Navigator's default gradient. */
export function scoreColor(score: number): string {
  const stops: [number, [number, number, number]][] = [
    [0, [0xff, 0x66, 0x66]],
    [50, [0xff, 0xe7, 0x66]],
    [100, [0x8e, 0xc8, 0x43]],
  ]
  const s = Math.max(0, Math.min(100, score))
  const i = s <= 50 ? 0 : 1
  const [a, ca] = stops[i]!
  const [b, cb] = stops[i + 1]!
  const t = (s - a) / (b - a)
  const c = ca.map((x, k) => Math.round(x + (cb[k]! - x) * t))
  return `#${c.map((x) => x.toString(16).padStart(2, '0')).join('')}`
}
