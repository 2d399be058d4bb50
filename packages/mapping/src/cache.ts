/**
 * Compiled-mapping cache keyed by version id + content hash, so a newly
 * published version compiles once and old pinned versions keep evaluating to
 * their own output. Least-recently-used entries are dropped beyond `max`.
 */
import { type CompileOptions, type CompiledMapping, compileMapping } from './compile.ts';
import { hashContent } from './hash.ts';
import type { MappingVersionContent } from './types.ts';

export class MappingCache {
  private readonly entries = new Map<string, CompiledMapping>();
  compiles = 0;
  constructor(private readonly max = 100) {}

  static key(versionId: string, content: MappingVersionContent): string {
    return `${versionId}:${hashContent(content)}`;
  }

  get(versionId: string, content: MappingVersionContent, opts: Omit<CompileOptions, 'cacheKey'> = {}): CompiledMapping {
    const key = MappingCache.key(versionId, content);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const compiled = compileMapping(content, { ...opts, cacheKey: key });
    this.compiles++;
    this.entries.set(key, compiled);
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return compiled;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
