import { check, constant, constantFrom, tuple, weighted, type Gen } from './_internals/gen.js'

/** How a shell script is spelled in a container spec (logformats.md §6.3: rules see the difference). */
export type CommandShape = 'argv' | 'split' | 'args' | 'string'

export interface CommandConstraints {
  /** The script the shell runs (a generator or a fixed string). */
  script: Gen<string> | string
  /**
   * Shells to choose from.
   * @defaultValue `['/bin/sh']`
   */
  shells?: readonly string[]
  /**
   * Spellings to choose from: `argv` = `command: [sh, -c, script]`; `split` = `command: [sh, -c]`,
   * `args: [script]`; `args` = `command: [sh]`, `args: [-c, script]`; `string` = one string
   * `sh -c '<script>'` (the only shape holding the literal phrase "/bin/sh -c").
   * @defaultValue all four
   */
  shapes?: readonly CommandShape[]
}

export interface CommandValue {
  command?: string[]
  args?: string[]
}

/** A container's `command`/`args` running a script through a shell. */
export function command(constraints: CommandConstraints): Gen<CommandValue> {
  const script = typeof constraints.script === 'string' ? constant(constraints.script) : constraints.script
  const shell = constantFrom(...(constraints.shells ?? ['/bin/sh']))
  const shapes = constraints.shapes ?? ['argv', 'split', 'args', 'string']
  check('command', shapes.length > 0 && (constraints.shells ?? ['x']).length > 0, 'shapes and shells must not be empty')
  const shape = weighted<CommandShape>(...shapes.map((s) => [s === 'argv' ? 4 : 1, constant(s)] as const))
  return tuple(shape, shell, script).map(([s, sh, text]): CommandValue => {
    switch (s) {
      case 'argv':
        return { command: [sh, '-c', text] }
      case 'split':
        return { command: [sh, '-c'], args: [text] }
      case 'args':
        return { command: [sh], args: ['-c', text] }
      case 'string':
        return { args: [`${sh} -c '${text.replace(/'/g, `'"'"'`)}'`] }
    }
  })
}
