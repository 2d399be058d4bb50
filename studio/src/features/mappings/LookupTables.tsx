'use client';

import { useState } from 'react';
import type { MappingVersionContent } from '@megzo/mapping';
import { Empty } from '@/components/ui';
import { LookupTableEditor } from './LookupTableEditor';

export function LookupTables({ content, readOnly, onChange }: { content: MappingVersionContent; readOnly: boolean; onChange: (c: MappingVersionContent) => void }) {
  const [name, setName] = useState('');
  const tables = Object.entries(content.lookups ?? {});
  const taken = name.trim() !== '' && name.trim() in (content.lookups ?? {});
  const setTable = (n: string, t: Record<string, string> | null) => {
    const lookups = { ...content.lookups };
    if (t) lookups[n] = t;
    else delete lookups[n];
    onChange({ ...content, lookups });
  };
  return (
    <div className="stack">
      {tables.length === 0 ? <Empty title="No lookup tables">A lookup table turns ERP codes into marketplace values, e.g. category codes.</Empty> : null}
      {tables.map(([n, t]) => (
        <LookupTableEditor key={n} name={n} table={t} readOnly={readOnly} onChange={(next) => setTable(n, next)} onRemoveTable={() => setTable(n, null)} />
      ))}
      {readOnly ? null : (
        <form className="row" onSubmit={(e) => { e.preventDefault(); if (!/^[A-Za-z_]\w*$/.test(name.trim()) || taken) return; setTable(name.trim(), {}); setName(''); }}>
          <label className="field">
            New table name
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. colours" />
          </label>
          <button type="submit" disabled={!/^[A-Za-z_]\w*$/.test(name.trim()) || taken}>Add table</button>
          {taken ? <span className="small" style={{ color: 'var(--bad)' }}>A table with this name exists.</span> : null}
        </form>
      )}
    </div>
  );
}
