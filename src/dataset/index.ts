export { generateDataset, type GenerateDatasetOptions, type Manifest, type VariantSummary } from './generate.js'
export { FORMATS, FORMAT_VARIANTS, envelope, type Format } from './envelopes.js'
export { renderChunk, type ChunkResult, type VariantChunk } from './chunk.js'
export { resolveConfig, CHUNK_SIZE, type DatasetOptions, type DatasetConfig } from './config.js'
