/** Loads every domain file (side effects only) and builds the schema. */
import { builder } from '../builder.ts';
import './scalars.ts';
import './errors.ts';
import './enums.ts';
import './health.ts';
import './user.ts';
import './auth.ts';
import './tenant.ts';
import './api-key.ts';
import './connection.ts';
import './integration.ts';
import './sync-run.ts';
import './mapping.ts';
import './product.ts';
import './order.ts';
import './fx.ts';
import './audit.ts';
import './gdpr.ts';

export const schema = builder.toSchema({ sortSchema: false });
