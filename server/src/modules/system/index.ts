/** The system module's public face (module boundaries, docs/ARCHITECTURE.md). */
export { systemRoutes } from './system.routes.js';
export { backupRoutes } from './backup.routes.js';
export { SYSTEM_PERMISSIONS } from './system.permissions.js';
export { backupsView } from './backup.service.js';
