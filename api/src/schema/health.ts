import { builder } from '../builder.ts';

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

builder.queryField('health', (t) =>
  t.string({ description: '"ok" while the API serves requests (no sign-in needed).', resolve: () => 'ok' }),
);
