// Preloaded (node --import) by full-disk.test.ts: every `.partial-` file the process opens for
// writing is /dev/full, so the kernel answers each write with ENOSPC, as a disk that is full.
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'

const createWriteStream = fs.createWriteStream
fs.createWriteStream = (file, options) => createWriteStream(String(file).includes('.partial-') ? '/dev/full' : file, options)
syncBuiltinESMExports()
