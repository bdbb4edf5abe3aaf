/**
 * The __name__ module's public face (module boundaries, docs/ARCHITECTURE.md "Modules"): what other
 * modules and server/src/app.ts may use. Everything else in this folder is internal.
 */
import './__name__.tables.js';

export { __name__Module } from './__name__.module.js';
export { get__Name__Record } from './__name__.service.js';
export type { __Name__Record } from './__name__.schema.js';
