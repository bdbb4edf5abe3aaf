/** The system module's public face (module boundaries, docs/ARCHITECTURE.md). */
export { systemRoutes } from './system.routes.js';
