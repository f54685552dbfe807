/**
 * Helpers for the audit tests: each audit file walks one section of the Sigma reference
 * (reference/sigma.md) and checks every stated rule through the public API only.
 */
import { type CompileOptions, compileDetection } from '../../../src/sigma/compile/index.js'

/** `selection: <sel>`, `condition: selection`, evaluated on one event. */
export function matches(selection: unknown, event: unknown, options?: CompileOptions): boolean {
  return compileDetection({ selection, condition: 'selection' }, options).match(event)
}

/** One field item `key: value` evaluated on one event. */
export function item(key: string, value: unknown, event: unknown, options?: CompileOptions): boolean {
  return matches({ [key]: value }, event, options)
}

/** The compile error message of a detection, or undefined when it compiles. */
export function detectionError(detection: Record<string, unknown>, options?: CompileOptions): string | undefined {
  try {
    compileDetection(detection, options)
    return undefined
  } catch (err) {
    return (err as Error).message
  }
}

/** The compile error message of one field item, or undefined when it compiles. */
export function itemError(key: string, value: unknown, options?: CompileOptions): string | undefined {
  return detectionError({ selection: { [key]: value }, condition: 'selection' }, options)
}

/** Base64 of bytes given as numbers. */
export function b64(bytes: number[]): string {
  return Buffer.from(bytes).toString('base64')
}
