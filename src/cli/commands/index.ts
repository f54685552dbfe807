import type { Command } from '../command.js'
import { evalCommand } from './eval.js'
import { generateCommand } from './generate.js'
import { lintCommand } from './lint.js'
import { testCommand } from './test.js'

/** Every subcommand, in the order `--help` lists them. Each lives in its own file here. */
export const commands: Command[] = [evalCommand, testCommand, lintCommand, generateCommand]
