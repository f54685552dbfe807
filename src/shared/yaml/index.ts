export { parseYamlDocuments, type YamlDocument, type YamlOptions } from './parse.js'
export type { SourceMap, YamlPath } from './source-map.js'
export { resolvePlain, resolvePlainType } from './scalars.js'
export { LineIndex } from './lines.js'
