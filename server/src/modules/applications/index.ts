/** The applications module's public face (module boundaries, docs/ARCHITECTURE.md). */
import './applications.tables.js';

export { programmeRoutes } from './applications.module.js';
