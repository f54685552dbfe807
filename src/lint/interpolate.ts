/** The one place message templates meet their data: `{{name}}` → data.name. Unknown names stay visible. */
export function interpolate(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) =>
    data !== undefined && Object.prototype.hasOwnProperty.call(data, name) ? String(data[name]) : whole,
  )
}

/** Placeholders a template names. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1] as string)
}
