/**
 * Glob → RegExp for config `exclude` (`**` any folders, `*` and `?` within one segment).
 * Hand-rolled because `path.matchesGlob` is experimental on Node 20 and prints a warning.
 */
export function globRegExp(glob: string): RegExp {
  let re = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more whole folders; a trailing `**` matches everything below.
        const slash = glob[i + 2] === '/'
        re += slash ? '(?:[^/]*/)*' : '.*'
        i += slash ? 2 : 1
      } else re += '[^/]*'
    } else if (c === '?') re += '[^/]'
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

/** True when `file` (posix, relative) is the glob's match or lies inside a folder it matches. */
export function globMatches(glob: string, file: string): boolean {
  const re = globRegExp(glob.replace(/\/$/, ''))
  if (re.test(file)) return true
  const parts = file.split('/')
  for (let i = 1; i < parts.length; i++) if (re.test(parts.slice(0, i).join('/'))) return true
  return false
}
