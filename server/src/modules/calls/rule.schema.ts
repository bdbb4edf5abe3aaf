/** Moved to shared/rules/rule.schema.ts (the web reads the rule language too); kept for this module's importers. */
export * from '../../../../shared/rules/rule.schema.js';
