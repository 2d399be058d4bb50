import { describe, expect, it } from 'vitest';
import { MappingStateError } from './errors.ts';
import { hashContent } from './hash.ts';
import { type Mapping, type MappingVersion, newDraft, parseContent, publishVersion, publishedVersion, rollbackTo, updateDraft, assertDeletable } from './model.ts';
import type { MappingVersionContent } from './types.ts';

const c1: MappingVersionContent = { rules: [{ target: 'sku', expression: 'sku' }], lookups: {} };
const c2: MappingVersionContent = { rules: [{ target: 'sku', expression: '$uppercase(sku)' }], lookups: {} };
const mapping: Mapping = { id: 'm1', name: 'Catalog', flow: 'catalog', sourceKind: 'charisma.product', targetKind: 'cdon.article', publishedVersionId: null };

function apply(versions: MappingVersion[], changed: MappingVersion[]): MappingVersion[] {
  return versions.map((v) => changed.find((c) => c.id === v.id) ?? v);
}

describe('version life cycle', () => {
  it('draft → publish → new draft → publish → rollback', () => {
    const v1 = newDraft({ id: 'v1', mapping, versions: [], content: c1, now: 't1' });
    expect(v1).toMatchObject({ number: 1, status: 'draft', contentHash: hashContent(c1) });
    let versions = [v1];
    let t = publishVersion({ mapping, versions, versionId: 'v1', now: 't2', publishedBy: 'ana' });
    let m = t.mapping;
    versions = apply(versions, t.changed);
    expect(m.publishedVersionId).toBe('v1');
    expect(versions[0]).toMatchObject({ status: 'published', publishedAt: 't2', publishedBy: 'ana' });

    // editing the published version is refused
    expect(() => updateDraft(versions[0] as MappingVersion, c2)).toThrow(MappingStateError);
    expect(() => updateDraft(versions[0] as MappingVersion, c2)).toThrow('Version 1 is published and cannot be edited — create a new draft from it instead');

    const v2 = updateDraft(newDraft({ id: 'v2', mapping: m, versions, fromVersionId: 'v1', now: 't3' }), c2);
    expect(v2).toMatchObject({ number: 2, status: 'draft', contentHash: hashContent(c2) });
    expect(versions[0]?.content).toEqual(c1); // copying does not share objects
    versions = [...versions, v2];
    t = publishVersion({ mapping: m, versions, versionId: 'v2', now: 't4', expectedHash: hashContent(c2) });
    m = t.mapping;
    versions = apply(versions, t.changed);
    expect(m.publishedVersionId).toBe('v2');
    expect(versions.map((v) => v.status)).toEqual(['archived', 'published']);
    expect(publishedVersion(m, versions).content).toEqual(c2);
    expect(() => updateDraft(versions[0] as MappingVersion, c2)).toThrow(/archived and cannot be edited/);

    t = rollbackTo({ mapping: m, versions, versionId: 'v1', now: 't5' });
    versions = apply(versions, t.changed);
    expect(t.mapping.publishedVersionId).toBe('v1');
    expect(versions.map((v) => v.status)).toEqual(['published', 'archived']);
    expect(versions[0]?.content).toEqual(c1);
  });

  it('refuses forbidden moves with clear errors', () => {
    const v1 = newDraft({ id: 'v1', mapping, versions: [], content: c1, now: 't1' });
    expect(() => rollbackTo({ mapping, versions: [v1], versionId: 'v1', now: 't' })).toThrow(/is a draft; publish it instead/);
    expect(() => publishVersion({ mapping, versions: [v1], versionId: 'nope', now: 't' })).toThrow(/does not belong to mapping "Catalog"/);
    expect(() => publishVersion({ mapping, versions: [v1], versionId: 'v1', now: 't', expectedHash: 'stale' })).toThrow(/changed since it was checked/);
    const t = publishVersion({ mapping, versions: [v1], versionId: 'v1', now: 't' });
    const vs = apply([v1], t.changed);
    expect(() => publishVersion({ mapping: t.mapping, versions: vs, versionId: 'v1', now: 't' })).toThrow(/only a draft can be published/);
    expect(() => rollbackTo({ mapping: t.mapping, versions: vs, versionId: 'v1', now: 't' })).toThrow(/already the published version/);
    expect(() => assertDeletable(vs[0] as MappingVersion)).toThrow(/only drafts can be deleted/);
    expect(() => publishedVersion(mapping, [v1])).toThrow(/has no published version yet/);
    expect(() => newDraft({ id: 'x', mapping, versions: [], fromVersionId: 'ghost', now: 't' })).toThrow(/does not exist/);
  });

  it('parseContent validates stored JSON and names the offending field', () => {
    expect(parseContent({ rules: [{ target: 'a', expression: 'b' }] })).toEqual({ rules: [{ target: 'a', expression: 'b' }], lookups: {} });
    expect(() => parseContent({ rules: [{ target: 'a', expression: 3 }], lookups: {} })).toThrow(/at "rules.0.expression"/);
    expect(() => parseContent({ rules: [], lookups: { t: { k: 1 } } })).toThrow(/at "lookups.t.k"/);
    expect(() => parseContent({ rules: [], lookups: {}, marketOverrides: { XX: [] } })).toThrow(/marketOverrides/);
  });
});
