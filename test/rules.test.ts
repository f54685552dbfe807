// This project's own rules, proven the way users prove theirs: one vitest test per rule × case
// × variant and per property (see docs/harness.md).
import { fileURLToPath } from 'node:url'
import { defineDetectionSuite } from '../src/vitest/index.js'

defineDetectionSuite({ rules: 'rules', cwd: fileURLToPath(new URL('..', import.meta.url)) })
