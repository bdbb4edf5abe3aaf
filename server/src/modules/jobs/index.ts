/** The jobs module's public face (module boundaries, docs/ARCHITECTURE.md). */
export { jobsRoutes } from './jobs.routes.js';
