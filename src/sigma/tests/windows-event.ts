/**
 * Field mapping for Windows events rendered as JSON the way SigmaHQ's regression data does
 * (EVTX → `Event.System.*` with XML attributes under `#attributes`, `Event.EventData.*`, and for
 * a few providers `Event.UserData.<element>.*`). Sigma's Windows rules name the fields flat
 * (`Image`, `EventID`, `Provider_Name`); this is the pipeline step that finds them.
 */
export type WindowsFieldAccessor = (record: unknown) => unknown

const SYSTEM_FIELDS = new Set([
  'EventID', 'Version', 'Level', 'Task', 'Opcode', 'Keywords', 'EventRecordID', 'Channel', 'Computer',
])

function get(node: unknown, key: string): unknown {
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined
}

function attribute(node: unknown, name: string): unknown {
  return get(get(node, '#attributes'), name)
}

function withoutSpaces(node: unknown, field: string): unknown {
  if (node === null || typeof node !== 'object') return undefined
  for (const [k, v] of Object.entries(node)) if (k.includes(' ') && k.replace(/ /g, '') === field) return v
  return undefined
}

/** Where a Sigma field of a Windows rule lives in SigmaHQ's EVTX JSON. */
export function windowsEventAccessor(field: string): WindowsFieldAccessor {
  if (field === 'Provider_Name') return (r) => attribute(get(get(get(r, 'Event'), 'System'), 'Provider'), 'Name')
  if (field === 'Provider_Guid') return (r) => attribute(get(get(get(r, 'Event'), 'System'), 'Provider'), 'Guid')
  if (SYSTEM_FIELDS.has(field)) return (r) => get(get(get(r, 'Event'), 'System'), field)
  return (r) => {
    const event = get(r, 'Event')
    const eventData = get(event, 'EventData')
    const data = get(eventData, field)
    if (data !== undefined) return data
    // Some providers (Windows Defender) name their data with spaces ("Threat Name"); Sigma
    // rules and Windows log shippers write them without (ThreatName).
    const spaced = withoutSpaces(eventData, field)
    if (spaced !== undefined) return spaced
    // UserData holds one provider-specific element whose children are the fields.
    const user = get(event, 'UserData')
    if (user !== null && typeof user === 'object') {
      for (const element of Object.values(user as Record<string, unknown>)) {
        const v = get(element, field)
        if (v !== undefined) return v
      }
    }
    return undefined
  }
}

/** Every string and number leaf of the event's data (for Sigma keywords), attributes left out. */
export function* windowsEventKeywords(record: unknown): Iterable<string> {
  const event = get(record, 'Event')
  for (const part of [get(event, 'EventData'), get(event, 'UserData')]) yield* leaves(part)
}

function* leaves(node: unknown): Iterable<string> {
  if (typeof node === 'string') yield node
  else if (typeof node === 'number') yield String(node)
  else if (Array.isArray(node)) for (const x of node) yield* leaves(x)
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) if (k !== '#attributes') yield* leaves(v)
  }
}

/**
 * Splits SigmaHQ's `.json` regression files: one pretty-printed JSON object per event,
 * concatenated without separators when the EVTX held several events.
 */
export function splitConcatenatedJson(text: string, file: string): unknown[] {
  const out: unknown[] = []
  let depth = 0
  let start = -1
  let inString = false
  let escaped = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (escaped) escaped = false
      else if (c === '\\') escaped = true
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{') {
      if (depth === 0) start = i
      depth++
    } else if (c === '}') {
      depth--
      if (depth === 0) out.push(JSON.parse(text.slice(start, i + 1)))
      if (depth < 0) throw new Error(`${file}: unbalanced '}' at offset ${i}`)
    }
  }
  if (depth !== 0) throw new Error(`${file}: unterminated JSON object`)
  return out
}
