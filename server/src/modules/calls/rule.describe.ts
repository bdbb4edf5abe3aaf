/** Moved to shared/rules/rule.describe.ts (the web reads the rule language too); kept for this module's importers. */
export * from '../../../../shared/rules/rule.describe.js';
