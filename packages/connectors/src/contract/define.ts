import { z } from 'zod';
import type { Connector, ConnectorDeps, ConnectorInstance, ConnectorKind, DiscoverResult } from './types.ts';
import { secretPaths } from './secret.ts';
import { validate } from '../kit/validate.ts';

export interface ConnectorDefinition<C, I extends ConnectorInstance> {
  id: string;
  kind: ConnectorKind;
  label: string;
  spec: z.ZodType<C>;
  check(config: C, deps: ConnectorDeps): Promise<void>;
  discover(config: C, deps: ConnectorDeps): Promise<DiscoverResult>;
  open(config: C, deps: ConnectorDeps): I;
}

/** Parses a connection config; bad input is a ConfigError naming the offending field. */
export function parseConfig<C>(id: string, spec: z.ZodType<C>, config: unknown): C {
  return validate(spec, config, { source: id, what: `${id} configuration`, category: 'configuration' });
}

export function defineConnector<C, I extends ConnectorInstance>(def: ConnectorDefinition<C, I>): Connector<C, I> {
  const secretFields = secretPaths(def.spec);
  return {
    id: def.id,
    kind: def.kind,
    label: def.label,
    spec: def.spec,
    secretFields,
    jsonSchema: () => z.toJSONSchema(def.spec, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    check: async (config, deps = {}) => def.check(parseConfig(def.id, def.spec, config), deps),
    discover: async (config, deps = {}) => def.discover(parseConfig(def.id, def.spec, config), deps),
    open: (config, deps = {}) => def.open(parseConfig(def.id, def.spec, config), deps),
  };
}
