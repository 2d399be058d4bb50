/** The Yoga instance: schema, context, error masking, limits, persisted operations, CORS. */
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { AppDeps } from './deps.ts';
import type { Context, ServerContext } from './context.ts';
import { useQueryLimits } from './plugins/use-query-limits.ts';
import { CSRF_HEADER, studioOrigins } from './auth/cookies.ts';

type UserContext = Pick<Context, 'deps' | 'prisma'>;
export type Yoga = YogaServerInstance<ServerContext, UserContext>;

export function createYogaServer(schema: GraphQLSchema, deps: AppDeps): Yoga {
  const { config, logger, metrics } = deps;
  const countOperations: Plugin = {
    onExecute({ args }) {
      const op = (args.document as DocumentNode).definitions.find((d) => d.kind === 'OperationDefinition');
      const type = op && 'operation' in op ? op.operation : 'unknown';
      return {
        onExecuteDone({ result }) {
          const failed = 'errors' in result && !!result.errors?.length;
          metrics.graphqlOperations.inc({ type, result: failed ? 'error' : 'ok' });
        },
      };
    },
  };
  return createYoga<ServerContext, UserContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    batching: false,
    healthCheckEndpoint: '/yoga-health',
    logging: {
      debug: (...args) => logger.debug({ args }, 'yoga'),
      info: (...args) => logger.info({ args }, 'yoga'),
      warn: (...args) => logger.warn({ args }, 'yoga'),
      error: (...args) => logger.error({ args }, 'yoga'),
    },
    cors: {
      origin: studioOrigins(config.studioOrigin),
      credentials: true,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'authorization', CSRF_HEADER, 'x-request-id', 'accept'],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    },
    maskedErrors: {
      maskError(error: unknown, message: string): Error {
        const isGraphQLError = (e: unknown): e is GraphQLError => e instanceof Error && e.name === 'GraphQLError';
        const original = isGraphQLError(error) ? error.originalError : error;
        // Expected errors are GraphQLErrors (auth, validation, limits): shown as they are.
        if (isGraphQLError(error) && (!original || isGraphQLError(original))) return error;
        logger.error({ err: original ?? error }, 'unexpected error in a resolver');
        return new GraphQLError(message, {
          nodes: error instanceof GraphQLError ? error.nodes : undefined,
          path: error instanceof GraphQLError ? error.path : undefined,
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        });
      },
    },
    context: () => ({ deps, prisma: deps.prisma }),
    plugins: [
      usePersistedOperations({
        allowArbitraryOperations: config.allowArbitraryOperations,
        getPersistedOperation: (key) => config.persistedOperations.get(key) ?? null,
        skipDocumentValidation: false,
      }),
      useQueryLimits({
        maxDepth: config.maxDepth,
        maxAliases: config.maxAliases,
        maxCost: config.maxCost,
        defaultPageSize: 50,
      }),
      countOperations,
    ],
  });
}
