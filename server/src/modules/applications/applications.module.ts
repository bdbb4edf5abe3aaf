import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import '../calls/index.js';
import './applications.tables.js';
import { callRoutes } from '../calls/index.js';
import { applicationRoutes } from './applications.routes.js';
import { screeningRoutes } from './screening.routes.js';
import { ongoingRoutes } from './ongoing.routes.js';
import { historicalRoutes } from './historical.routes.js';

/** Programme I (issue 3): calls, applications, reviews, submission with receipts, screening. */
export async function programmeRoutes(app: FastifyInstance, ctx: AppContext) {
  await callRoutes(app, ctx);
  await applicationRoutes(app, ctx);
  await screeningRoutes(app, ctx);
  await ongoingRoutes(app, ctx);
  await historicalRoutes(app, ctx);
}
