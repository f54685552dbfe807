import { type CompileOptions, compileDetection } from '../../../src/sigma/compile/index.js'

/** Compiles `selection: <sel>` with `condition: selection` and tests one event. */
export function sel(selection: unknown, event: unknown, options?: CompileOptions): boolean {
  return compileDetection({ selection, condition: 'selection' }, options).match(event)
}

/** Compiles one field item `key: value` and tests one event. */
export function item(key: string, value: unknown, event: unknown, options?: CompileOptions): boolean {
  return sel({ [key]: value }, event, options)
}

/** The compile error message (or undefined when the detection compiles). */
export function compileError(detection: Record<string, unknown>, options?: CompileOptions): { message: string; path: (string | number)[] } | undefined {
  try {
    compileDetection(detection, options)
    return undefined
  } catch (err) {
    const e = err as { message: string; path: (string | number)[] }
    return { message: e.message, path: e.path }
  }
}

export function itemError(key: string, value: unknown, options?: CompileOptions) {
  return compileError({ selection: { [key]: value }, condition: 'selection' }, options)
}
