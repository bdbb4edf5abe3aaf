/** The files module's public face (module boundaries, docs/ARCHITECTURE.md). */
import './files.tables.js';

export { filesRoutes } from './files.routes.js';
export { linkFile, uploadFile, openFileForDownload, type UploadInput } from './files.service.js';
export { fileMeta, attachmentDisposition, PUBLIC_OWNER } from './files.service.js';
export { filesOfObjects, type FileRow } from './files.repo.js';
export { registerFileAccessCheck, type FileAccessCheck } from './files.policy.js';
export { registerFilesJobs, sweepOrphans, FILES_SWEEP_JOB } from './orphan-sweep.service.js';
