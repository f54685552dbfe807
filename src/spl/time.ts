/** Splunk's time formats (strftime/strptime, UTC) and relative time modifiers (`-70m@m`). */
import { SplError } from './errors.js'

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

export function strftime(epoch: number, format: string): string {
  const d = new Date(Math.floor(epoch * 1000))
  const frac = epoch - Math.floor(epoch)
  return format.replace(/%(\d?)([a-zA-Z%])/g, (all, digits: string, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear())
      case 'y': return pad(d.getUTCFullYear() % 100)
      case 'm': return pad(d.getUTCMonth() + 1)
      case 'd': return pad(d.getUTCDate())
      case 'e': return String(d.getUTCDate()).padStart(2, ' ')
      case 'H': return pad(d.getUTCHours())
      case 'I': return pad(((d.getUTCHours() + 11) % 12) + 1)
      case 'p': return d.getUTCHours() < 12 ? 'AM' : 'PM'
      case 'M': return pad(d.getUTCMinutes())
      case 'S': return pad(d.getUTCSeconds())
      case 'N':
      case 'Q': return String(Math.floor(frac * 10 ** (Number(digits) || 3))).padStart(Number(digits) || 3, '0')
      case 'f': return String(Math.floor(frac * 1e6)).padStart(6, '0')
      case 'b': return MONTHS[d.getUTCMonth()]!.slice(0, 3)
      case 'B': return MONTHS[d.getUTCMonth()]!
      case 'a': return DAYS[d.getUTCDay()]!.slice(0, 3)
      case 'A': return DAYS[d.getUTCDay()]!
      case 'j': return pad(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3)
      case 'F': return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
      case 'T': return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
      case 's': return String(Math.floor(epoch))
      case 'z': return '+0000'
      case 'Z': return 'UTC'
      case '%': return '%'
      default: return all
    }
  })
}

/** Parses a time with a strftime format (UTC); undefined when the text does not fit. */
export function strptime(text: string, format: string): number | undefined {
  const parts: string[] = []
  let re = '^'
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!
    if (ch !== '%') {
      re += /\s/.test(ch) ? '\\s+' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      continue
    }
    let c = format[++i]!
    if (/\d/.test(c)) c = format[++i]!
    parts.push(c)
    switch (c) {
      case 'Y': re += '(\\d{4})'; break
      case 'y': case 'm': case 'd': case 'H': case 'M': case 'S': case 'I': re += '(\\d{1,2})'; break
      case 'e': re += '\\s?(\\d{1,2})'; break
      case 'N': case 'Q': case 'f': re += '(\\d+)'; break
      case 'b': case 'B': re += '([A-Za-z]+)'; break
      case 'a': case 'A': re += '[A-Za-z]+'; parts.pop(); break
      case 'p': re += '([AaPp][Mm])'; break
      case 'z': re += '([-+]\\d\\d:?\\d\\d|Z)'; break
      case 'Z': re += '([A-Za-z]+)'; break
      case 's': re += '(\\d+)'; break
      case 'j': re += '(\\d{1,3})'; break
      case '%': re += '%'; parts.pop(); break
      default: throw new SplError('unsupported', `time format %${c} is not evaluated`, 0)
    }
  }
  const m = new RegExp(re).exec(text)
  if (!m) return undefined
  let Y = 1970, mo = 0, d = 1, H = 0, Mi = 0, S = 0, frac = 0, off = 0, pm: boolean | undefined
  for (let k = 0; k < parts.length; k++) {
    const v = m[k + 1]!
    switch (parts[k]) {
      case 'Y': Y = Number(v); break
      case 'y': Y = 2000 + Number(v); break
      case 'm': mo = Number(v) - 1; break
      case 'd': case 'e': d = Number(v); break
      case 'H': case 'I': H = Number(v); break
      case 'M': Mi = Number(v); break
      case 'S': S = Number(v); break
      case 'N': case 'Q': case 'f': frac = Number(`0.${v}`); break
      case 'b': case 'B': {
        const i = MONTHS.findIndex((x) => x.slice(0, 3).toLowerCase() === v.slice(0, 3).toLowerCase())
        if (i < 0) return undefined
        mo = i
        break
      }
      case 'p': pm = /p/i.test(v); break
      case 'z': if (v !== 'Z') { const s = v.replace(':', ''); off = (s[0] === '-' ? -1 : 1) * (Number(s.slice(1, 3)) * 60 + Number(s.slice(3, 5))) } break
      case 's': return Number(v)
      case 'j': mo = 0; d = Number(v); break
    }
  }
  if (pm !== undefined) H = (H % 12) + (pm ? 12 : 0)
  return Date.UTC(Y, mo, d, H, Mi, S) / 1000 + frac - off * 60
}

const UNIT: Record<string, string> = {
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  d: 'd', day: 'd', days: 'd', w: 'w', week: 'w', weeks: 'w',
  mon: 'mon', month: 'mon', months: 'mon', q: 'q', qtr: 'q', quarter: 'q', y: 'y', yr: 'y', year: 'y', years: 'y',
}
const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }

/** A span such as `1h`, `5m`, `1d` in seconds; undefined when it is not one. */
export function spanSeconds(span: string): number | undefined {
  const m = /^(\d+)([a-z]+)$/i.exec(span)
  if (!m) return undefined
  const u = UNIT[m[2]!.toLowerCase()]
  return u && SECONDS[u] ? Number(m[1]) * SECONDS[u] : undefined
}

function shift(t: number, n: number, unit: string): number {
  if (SECONDS[unit]) return t + n * SECONDS[unit]!
  const d = new Date(t * 1000)
  const months = unit === 'y' ? 12 * n : unit === 'q' ? 3 * n : n
  d.setUTCMonth(d.getUTCMonth() + months)
  return d.getTime() / 1000
}

function snap(t: number, unit: string): number {
  const d = new Date(Math.floor(t) * 1000)
  switch (unit) {
    case 's': return Math.floor(t)
    case 'm': return Math.floor(t / 60) * 60
    case 'h': return Math.floor(t / 3600) * 3600
    case 'd': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) / 1000
    case 'w': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - d.getUTCDay()) / 1000
    case 'mon': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000
    case 'q': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3), 1) / 1000
    case 'y': return Date.UTC(d.getUTCFullYear(), 0, 1) / 1000
  }
  return t
}

/** Applies a relative time modifier (`-1d@d`, `+2h`, `@w0`, `now`, an epoch) to `t`; undefined when it is not one. */
export function relativeTime(t: number, modifier: string): number | undefined {
  const mod = modifier.trim()
  if (mod === 'now' || mod === '') return t
  if (/^\d+(\.\d+)?$/.test(mod)) return Number(mod)
  const m = /^(?:([-+])(\d*)([a-z]+))?(?:@([a-z]+)\d*)?$/i.exec(mod)
  if (!m || (m[1] === undefined && m[4] === undefined)) return undefined
  let out = t
  if (m[1] !== undefined) {
    const unit = UNIT[m[3]!.toLowerCase()]
    if (!unit) return undefined
    out = shift(out, (m[1] === '-' ? -1 : 1) * Number(m[2] || '1'), unit)
  }
  if (m[4] !== undefined) {
    const unit = UNIT[m[4].toLowerCase()]
    if (!unit) return undefined
    out = snap(out, unit)
  }
  return out
}
