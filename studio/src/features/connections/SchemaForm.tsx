'use client';

/**
 * A form generated from a connector's JSON schema (its `spec`). Secret fields
 * (`writeOnly`, `format: password`, `x-secret`, or listed as secret) are write-only:
 * the current value is never shown, only whether one is stored, and an empty
 * input means "keep the stored secret".
 */

export type JsonSchemaProp = {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  default?: unknown;
  format?: string;
  writeOnly?: boolean;
  'x-secret'?: boolean;
  airbyte_secret?: boolean;
  minimum?: number;
  maximum?: number;
  items?: JsonSchemaProp;
};

export type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchemaProp>;
  required?: string[];
};

export function isSecretProp(name: string, p: JsonSchemaProp, secretNames: readonly string[] = []): boolean {
  return !!(p.writeOnly || p['x-secret'] || p.airbyte_secret || p.format === 'password' || secretNames.includes(name));
}

function typeOf(p: JsonSchemaProp): string {
  const t = Array.isArray(p.type) ? p.type.find((x) => x !== 'null') : p.type;
  return t ?? 'string';
}

function label(name: string, p: JsonSchemaProp): string {
  if (p.title) return p.title;
  const s = name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function SchemaForm(props: {
  schema: JsonSchema;
  values: Record<string, unknown>;
  secrets: Record<string, string>;
  /** Names of secrets that already have a stored value. */
  storedSecrets: readonly string[];
  secretNames?: readonly string[];
  disabled?: boolean;
  onChange: (values: Record<string, unknown>) => void;
  onSecretChange: (secrets: Record<string, string>) => void;
}) {
  const { schema, values, secrets, storedSecrets, secretNames, disabled } = props;
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties ?? {});
  if (entries.length === 0) return <p className="muted">This connector has no settings.</p>;
  return (
    <div className="grid grid-2">
      {entries.map(([name, p]) => {
        const id = `cfg-${name}`;
        const t = typeOf(p);
        const secret = isSecretProp(name, p, secretNames);
        const hint = p.description ? <span className="hint">{p.description}</span> : null;
        const title = (
          <>
            {label(name, p)}
            {required.has(name) && !secret ? <span aria-hidden="true"> *</span> : null}
          </>
        );
        if (secret) {
          const stored = storedSecrets.includes(name);
          return (
            <label className="field" key={name} htmlFor={id}>
              {title}
              <input
                id={id}
                type="password"
                autoComplete="new-password"
                data-testid={`secret-${name}`}
                placeholder={stored ? 'Stored — type to replace' : 'Not set'}
                value={secrets[name] ?? ''}
                disabled={disabled}
                onChange={(e) => props.onSecretChange({ ...secrets, [name]: e.target.value })}
              />
              <span className="hint">
                {stored ? 'A value is stored. It is never shown; leave empty to keep it.' : 'Write-only: it will not be shown again after saving.'}
              </span>
            </label>
          );
        }
        if (p.enum) {
          return (
            <label className="field" key={name} htmlFor={id}>
              {title}
              <select id={id} value={String(values[name] ?? p.default ?? '')} disabled={disabled} onChange={(e) => props.onChange({ ...values, [name]: e.target.value })}>
                {!required.has(name) ? <option value="">—</option> : null}
                {p.enum.map((v) => (
                  <option key={String(v)} value={String(v)}>
                    {String(v)}
                  </option>
                ))}
              </select>
              {hint}
            </label>
          );
        }
        if (t === 'boolean') {
          return (
            <label className="check" key={name} htmlFor={id}>
              <input id={id} type="checkbox" checked={Boolean(values[name] ?? p.default ?? false)} disabled={disabled} onChange={(e) => props.onChange({ ...values, [name]: e.target.checked })} />
              {title}
              {hint}
            </label>
          );
        }
        if (t === 'array') {
          const arr = Array.isArray(values[name]) ? (values[name] as unknown[]) : Array.isArray(p.default) ? (p.default as unknown[]) : [];
          return (
            <label className="field" key={name} htmlFor={id}>
              {title}
              <input id={id} value={arr.join(', ')} disabled={disabled} onChange={(e) => props.onChange({ ...values, [name]: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) })} />
              <span className="hint">{p.description ?? ''} Separate values with commas.</span>
            </label>
          );
        }
        const numeric = t === 'number' || t === 'integer';
        return (
          <label className="field" key={name} htmlFor={id}>
            {title}
            <input
              id={id}
              type={numeric ? 'number' : p.format === 'uri' ? 'url' : 'text'}
              min={p.minimum}
              max={p.maximum}
              step={t === 'integer' ? 1 : undefined}
              required={required.has(name)}
              value={values[name] === undefined || values[name] === null ? String(p.default ?? '') : String(values[name])}
              disabled={disabled}
              onChange={(e) => props.onChange({ ...values, [name]: numeric ? (e.target.value === '' ? undefined : Number(e.target.value)) : e.target.value })}
            />
            {hint}
          </label>
        );
      })}
    </div>
  );
}
