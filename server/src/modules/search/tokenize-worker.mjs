// Entry of a bulk-tokenising worker thread (see bulk-tokenize.ts). Plain JavaScript because a worker
// does not inherit the TypeScript loader its parent registered; tsx is a runtime dependency.
import { register } from 'tsx/esm/api';

register();
await import('./tokenize-worker-body.ts');
