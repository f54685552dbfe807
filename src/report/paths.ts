import path from 'node:path'

/** A path as reports show it: relative to `root` when inside it, always with forward slashes. */
export function displayPath(file: string, root: string | undefined): string {
  let shown = file
  if (root !== undefined && path.isAbsolute(file)) {
    const rel = path.relative(root, file)
    if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) shown = rel
  }
  return shown.split(path.sep).join('/')
}
