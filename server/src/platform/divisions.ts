/** Moved to shared/divisions.ts (the web names divisions too); kept for the platform's importers. */
export * from '../../../shared/divisions.js';
