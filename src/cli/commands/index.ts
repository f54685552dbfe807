import type { Command } from '../command.js'
import { checkCommand } from './check.js'
import { evalCommand } from './eval.js'
import { explainCommand } from './explain.js'
import { generateCommand } from './generate.js'
import { lintCommand } from './lint.js'
import { replayCommand } from './replay.js'
import { testCommand } from './test.js'

/** Every subcommand, in the order `--help` lists them. Each lives in its own file here. */
export const commands: Command[] = [evalCommand, testCommand, lintCommand, checkCommand, explainCommand, replayCommand, generateCommand]
