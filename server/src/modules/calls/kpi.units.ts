/** Moved to shared/kpi.units.ts (the web's unit selector reads it too); kept for this module's importers. */
export * from '../../../../shared/kpi.units.js';
