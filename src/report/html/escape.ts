/** Text for an HTML element or a quoted attribute: rule text is untrusted, nothing in it may become markup. */
export function escapeHtml(value: unknown): string {
  const s = typeof value === 'string' ? value : value === undefined ? '' : String(value)
  return s.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** A value as indented JSON, escaped for a `<pre>`. */
export function jsonBlock(value: unknown): string {
  let text: string
  try {
    text = JSON.stringify(value, null, 2) ?? String(value)
  } catch {
    text = String(value)
  }
  return `<pre class="json">${escapeHtml(text)}</pre>`
}
