/** The audit module's public face (module boundaries, docs/ARCHITECTURE.md). */
export { auditRoutes } from './audit.routes.js';
