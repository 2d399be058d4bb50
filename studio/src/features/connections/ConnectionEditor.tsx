'use client';

import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Empty, ErrorMessage, Loading, PageHead, StatusBadge } from '@/components/ui';
import { ReadOnlyNote, useCan } from '@/features/auth/session';
import { timeAgo } from '@/lib/format';
import { outcome } from '@/lib/result';
import { CONNECTION_QUERY, TEST_CONNECTION, UPDATE_CONNECTION, type ConnectionDetail, type Connector } from './connections.gql';
import { SchemaForm, isSecretProp, type JsonSchema } from './SchemaForm';

export function ConnectionEditor({ id }: { id: string }) {
  const [{ data, error, fetching }, refetch] = useQuery<{ connection: ConnectionDetail | null; connectors: Connector[] }>({ query: CONNECTION_QUERY, variables: { id } });
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [name, setName] = useState('');
  const [dirty, setDirty] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saveState, save] = useMutation(UPDATE_CONNECTION);
  const [testState, test] = useMutation(TEST_CONNECTION);
  const canEdit = useCan('connections');
  const [checked, setChecked] = useState<Pick<ConnectionDetail, 'status' | 'lastCheckAt' | 'lastCheckError'> | null>(null);
  const c = data?.connection ? { ...data.connection, ...(checked ?? {}) } : null;

  useEffect(() => {
    if (c && !dirty) {
      setValues(c.config ?? {});
      setName(c.name);
    }
  }, [c, dirty]);

  if (error && !data) return <ErrorMessage error={error} />;
  if (fetching && !data) return <Loading />;
  if (!c) return <Empty title="This connection does not exist or you cannot see it." />;
  const connector = data?.connectors.find((k) => k.id === c.connectorId) ?? null;
  const schema = (connector?.configSchema ?? {}) as JsonSchema;
  const secretNames = connector?.secretFields ?? [];

  async function onSave() {
    setMessage(null);
    const config: Record<string, unknown> = {};
    const props = schema.properties ?? {};
    for (const [k, v] of Object.entries(values)) if (!(props[k] && isSecretProp(k, props[k]!, secretNames))) config[k] = v;
    // Secrets typed here replace the stored ones; secrets left empty are not sent, so they are kept.
    for (const [k, v] of Object.entries(secrets)) if (v !== '') config[k] = v;
    const res = await save({ id, input: { name, config } });
    const o = outcome(res.error, (res.data as { updateConnection?: never } | undefined)?.updateConnection);
    if (!o.ok) return setMessage({ kind: 'error', text: o.message });
    setSecrets({});
    setDirty(false);
    setMessage({ kind: 'ok', text: 'Saved. Secrets are stored encrypted and never shown again.' });
    refetch({ requestPolicy: 'network-only' });
  }
  async function onTest() {
    setMessage(null);
    const res = await test({ id });
    const o = outcome<{ ok: boolean; message: string | null; connection: Pick<ConnectionDetail, 'status' | 'lastCheckAt' | 'lastCheckError'> }>(res.error, (res.data as { testConnection?: never } | undefined)?.testConnection);
    if (!o.ok) setMessage({ kind: 'error', text: o.message });
    else {
      setChecked(o.value.connection);
      setMessage(o.value.ok ? { kind: 'ok', text: o.value.message ?? 'The connection works.' } : { kind: 'error', text: o.value.message ?? 'The connection does not work.' });
    }
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <div className="stack">
      <PageHead
        title={c.name}
        subtitle={<>{connector?.label ?? c.connectorId} · last checked {timeAgo(c.lastCheckAt)}</>}
        actions={<><StatusBadge status={c.status} /><ReadOnlyNote /></>}
      />
      {c.lastCheckError ? <div className="alert warn">Last check: {c.lastCheckError}</div> : null}
      <form className="card stack" onSubmit={(e) => { e.preventDefault(); void onSave(); }} aria-label="Connection settings">
        <label className="field" style={{ maxWidth: 360 }}>
          Name
          <input value={name} disabled={!canEdit} onChange={(e) => { setName(e.target.value); setDirty(true); }} required />
        </label>
        <SchemaForm
          schema={schema}
          values={values}
          secrets={secrets}
          storedSecrets={c.secretFieldsSet}
          secretNames={secretNames}
          disabled={!canEdit}
          onChange={(v) => { setValues(v); setDirty(true); }}
          onSecretChange={(s) => { setSecrets(s); setDirty(true); }}
        />
        {message ? <div className={`alert ${message.kind === 'ok' ? 'ok' : 'error'}`} role="status" data-testid="connection-message">{message.text}</div> : null}
        <div className="row">
          <button type="button" onClick={onTest} disabled={testState.fetching || dirty} title={dirty ? 'Save first, then test' : undefined} data-testid="test-connection">
            {testState.fetching ? 'Testing…' : 'Test connection'}
          </button>
          <span className="spacer" />
          {canEdit ? <button type="submit" className="primary" disabled={!dirty || saveState.fetching} data-testid="save-connection">{saveState.fetching ? 'Saving…' : 'Save'}</button> : null}
        </div>
      </form>
    </div>
  );
}
