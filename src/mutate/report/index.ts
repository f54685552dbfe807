import type { MutationRun } from '../types.js'
import { mutationHtml } from './html.js'
import { mutationJson } from './json.js'
import { mutationMarkdown } from './markdown.js'
import { mutationText } from './text.js'

export const MUTATION_FORMATS = ['text', 'json', 'markdown', 'html'] as const
export type MutationFormat = (typeof MUTATION_FORMATS)[number]

export function isMutationFormat(f: string): f is MutationFormat {
  return (MUTATION_FORMATS as readonly string[]).includes(f)
}

export function renderMutationRun(format: MutationFormat, run: MutationRun, relative: (file: string) => string): string {
  switch (format) {
    case 'text':
      return mutationText(run, relative)
    case 'json':
      return mutationJson(run, relative)
    case 'markdown':
      return mutationMarkdown(run, relative)
    case 'html':
      return mutationHtml(run, relative)
  }
}

export { tallyLine, scoreText } from './text.js'
