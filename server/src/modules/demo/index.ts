/** The demo module's public face (module boundaries, docs/ARCHITECTURE.md). */
export { seedDemo, seedActor } from './demo.seed.js';
