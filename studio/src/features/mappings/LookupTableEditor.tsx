'use client';

import { useState } from 'react';

/** A lookup table (key → value) edited as a table: add, change and remove rows. */
export function LookupTableEditor(props: {
  name: string;
  table: Record<string, string>;
  readOnly?: boolean;
  onChange: (table: Record<string, string>) => void;
  onRemoveTable?: () => void;
}) {
  const rows = Object.entries(props.table);
  const [newKey, setNewKey] = useState('');
  const [newValue, setNewValue] = useState('');
  const duplicate = newKey.trim() !== '' && newKey.trim() in props.table;

  function setRow(index: number, key: string, value: string) {
    const next: Record<string, string> = {};
    rows.forEach(([k, v], i) => {
      if (i === index) next[key] = value;
      else next[k] = v;
    });
    props.onChange(next);
  }
  function removeRow(index: number) {
    props.onChange(Object.fromEntries(rows.filter((_, i) => i !== index)));
  }

  return (
    <section className="card stack" data-testid={`lookup-${props.name}`} aria-label={`Lookup table ${props.name}`}>
      <div className="row">
        <h3 style={{ margin: 0 }}>
          <code>{props.name}</code>
        </h3>
        <span className="muted small">{rows.length} entries · use it as <code>$lookup(&apos;{props.name}&apos;, key)</code></span>
        <span className="spacer" />
        {props.onRemoveTable && !props.readOnly ? (
          <button type="button" onClick={props.onRemoveTable}>
            Remove table
          </button>
        ) : null}
      </div>
      <div className="table-wrap" style={{ maxHeight: 300 }}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Key (source value)</th>
              <th scope="col">Value (sent to the channel)</th>
              {props.readOnly ? null : <th scope="col"><span className="muted">Remove</span></th>}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={3} className="muted">
                  The table is empty. Add the first row below.
                </td>
              </tr>
            ) : null}
            {rows.map(([k, v], i) => (
              <tr key={i}>
                <td>
                  {props.readOnly ? <code>{k}</code> : <input aria-label={`Key of row ${i + 1}`} value={k} onChange={(e) => setRow(i, e.target.value, v)} />}
                </td>
                <td>
                  {props.readOnly ? v : <input aria-label={`Value for ${k}`} value={v} onChange={(e) => setRow(i, k, e.target.value)} />}
                </td>
                {props.readOnly ? null : (
                  <td>
                    <button type="button" aria-label={`Remove row ${k}`} onClick={() => removeRow(i)}>
                      ✕
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.readOnly ? null : (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!newKey.trim() || duplicate) return;
            props.onChange({ ...props.table, [newKey.trim()]: newValue });
            setNewKey('');
            setNewValue('');
          }}
        >
          <input aria-label="New key" placeholder="New key" value={newKey} onChange={(e) => setNewKey(e.target.value)} />
          <input aria-label="New value" placeholder="Value" value={newValue} onChange={(e) => setNewValue(e.target.value)} />
          <button type="submit" disabled={!newKey.trim() || duplicate}>
            Add row
          </button>
          {duplicate ? <span className="small" style={{ color: 'var(--bad)' }}>That key is already in the table.</span> : null}
        </form>
      )}
    </section>
  );
}
