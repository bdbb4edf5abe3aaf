/**
 * The projects module's public face (Programme III, issue 13: agreements 任务书 and disbursements 拨付):
 * what other modules and server/src/app.ts may use. Everything else in this folder is internal.
 */
import './projects.tables.js';

export { projectsModule } from './projects.module.js';
export { getAgreement } from './agreement.service.js';
export { PROJECTS_PERMISSIONS } from './projects.permissions.js';
export { AGREEMENT } from './agreement.workflow.js';
export { TRANCHE } from './tranche.workflow.js';
export { seedProjectsDemo } from './projects.demo.js';
export type { Agreement } from './projects.schema.js';
