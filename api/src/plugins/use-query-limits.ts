/**
 * Depth, alias and cost limits as one validation rule (graphql 17), applied to HTTP
 * and WebSocket operations alike. Introspection fields (`__schema`, `__type`) are not
 * counted, so tools can still load the schema.
 *
 * Cost: every field costs 1; a field with a literal `first`/`last` argument multiplies
 * the cost of its selection by that number (a variable counts as the default page size).
 */
import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  defaultPageSize: number;
}

interface Tally {
  depth: number;
  aliases: number;
  cost: number;
}

function pageMultiplier(args: readonly { name: { value: string }; value: { kind: string; value?: string } }[] | undefined, def: number): number {
  for (const a of args ?? []) {
    if (a.name.value !== 'first' && a.name.value !== 'last') continue;
    if (a.value.kind === Kind.INT && a.value.value !== undefined) return Math.max(1, Number(a.value.value));
    return def;
  }
  return 1;
}

function measure(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  limits: QueryLimits,
  seen: Set<string>,
): Tally {
  let depth = 0;
  let aliases = 0;
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      if (sel.alias) aliases += 1;
      if (sel.selectionSet) {
        const inner = measure(sel.selectionSet, fragments, limits, seen);
        depth = Math.max(depth, inner.depth + 1);
        aliases += inner.aliases;
        cost += 1 + pageMultiplier(sel.arguments as never, limits.defaultPageSize) * inner.cost;
      } else {
        depth = Math.max(depth, 1);
        cost += 1;
      }
    } else {
      let inner: Tally = { depth: 0, aliases: 0, cost: 0 };
      if (sel.kind === Kind.INLINE_FRAGMENT) inner = measure(sel.selectionSet, fragments, limits, seen);
      else {
        const frag = fragments.get(sel.name.value);
        if (frag && !seen.has(frag.name.value)) {
          const next = new Set(seen).add(frag.name.value);
          inner = measure(frag.selectionSet, fragments, limits, next);
        }
      }
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
      cost += inner.cost;
    }
  }
  return { depth, aliases, cost };
}

export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext) => ({
    Document(doc) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
      for (const d of doc.definitions) {
        if (d.kind !== Kind.OPERATION_DEFINITION) continue;
        const t = measure(d.selectionSet, fragments, limits, new Set());
        const name = d.name ? ` ${d.name.value}` : '';
        if (t.depth > limits.maxDepth)
          context.reportError(
            new GraphQLError(`Query${name} is too deep: depth ${t.depth} exceeds the limit of ${limits.maxDepth}`, {
              extensions: { code: 'QUERY_TOO_DEEP' },
            }),
          );
        if (t.aliases > limits.maxAliases)
          context.reportError(
            new GraphQLError(`Query${name} uses ${t.aliases} aliases; the limit is ${limits.maxAliases}`, {
              extensions: { code: 'TOO_MANY_ALIASES' },
            }),
          );
        if (t.cost > limits.maxCost)
          context.reportError(
            new GraphQLError(`Query${name} is too expensive: cost ${t.cost} exceeds the limit of ${limits.maxCost}`, {
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            }),
          );
      }
      return false;
    },
  });
}

export function useQueryLimits(limits: QueryLimits): Plugin {
  const rule = queryLimitsRule(limits);
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}
