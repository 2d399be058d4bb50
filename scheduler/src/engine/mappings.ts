/**
 * Compiled mapping versions. Published versions are frozen, so a version id is
 * compiled once per process; a version published between two runs is simply a
 * new id that the next run pins (no restart).
 */
import { DEFAULT_MAPPINGS, MappingCache, parseContent, type CompiledMapping, type MappingVersionContent } from '@megzo/mapping';
import { ConfigError } from '@megzo/domain';
import type { Db } from './db.ts';

const cache = new MappingCache(50);

export type DefaultMappingName = keyof typeof DEFAULT_MAPPINGS;

export interface LoadedMapping {
  versionId: string | null;
  compiled: CompiledMapping;
}

/** The pinned version, or the built-in default when the tenant has no mapping for the flow. */
export async function loadMapping(db: Db, versionId: string | null, fallback: DefaultMappingName): Promise<LoadedMapping> {
  if (!versionId) {
    const d = DEFAULT_MAPPINGS[fallback];
    return { versionId: null, compiled: cache.get(`default:${fallback}`, d.content, { targets: d.targets }) };
  }
  const v = await db.mappingVersion.findUnique({ where: { id: versionId }, select: { id: true, content: true } });
  if (!v) throw new ConfigError({ message: `Mapping version ${versionId} no longer exists.`, code: 'MAPPING_VERSION_MISSING' });
  let content: MappingVersionContent;
  try {
    content = parseContent(v.content);
  } catch (e) {
    throw new ConfigError({ message: `Mapping version ${versionId} is not a valid mapping.`, code: 'MAPPING_INVALID', cause: e });
  }
  return { versionId: v.id, compiled: cache.get(v.id, content, { targets: DEFAULT_MAPPINGS[fallback].targets }) };
}
