import type { SourceLocation } from '../../model/source.js'
import type { LineIndex } from './lines.js'

/** Where one node stands: its value offset, its key offset in a mapping, and its children. */
export interface PosNode {
  /** 0-based offset of the value. */
  v: number
  /** 0-based offset of the mapping key, -1 where the node is no mapping value. */
  k: number
  /** Children by key (mappings) or index (sequences). */
  c?: Map<string, PosNode> | PosNode[]
}

export type YamlPath = readonly (string | number)[]

/** Locations of the keys and values of one YAML document. */
export interface SourceMap {
  file: string
  /** Where the value at `path` starts; a missing path falls back to its nearest ancestor. */
  value(path: YamlPath): SourceLocation
  /** Where the key of the mapping entry at `path` starts (its value for sequence items and the root). */
  key(path: YamlPath): SourceLocation
  /** Whether `path` has a recorded position. */
  has(path: YamlPath): boolean
}

function child(node: PosNode, step: string | number): PosNode | undefined {
  const c = node.c
  if (c === undefined) return undefined
  if (Array.isArray(c)) return typeof step === 'number' ? c[step] : c[Number(step)]
  return c.get(String(step))
}

export class DocumentSourceMap implements SourceMap {
  constructor(
    readonly file: string,
    private readonly root: PosNode,
    private readonly lines: LineIndex,
  ) {}

  private walk(path: YamlPath): { node: PosNode; complete: boolean } {
    let node = this.root
    for (const step of path) {
      const next = child(node, step)
      if (next === undefined) return { node, complete: false }
      node = next
    }
    return { node, complete: true }
  }

  private at(offset: number): SourceLocation {
    return { file: this.file, ...this.lines.position(offset) }
  }

  value(path: YamlPath): SourceLocation {
    return this.at(this.walk(path).node.v)
  }

  key(path: YamlPath): SourceLocation {
    const { node } = this.walk(path)
    return this.at(node.k >= 0 ? node.k : node.v)
  }

  has(path: YamlPath): boolean {
    return this.walk(path).complete
  }
}
