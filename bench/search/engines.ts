/** Engine names the runner and the worker understand. */
export const ENGINES = [
  'ours',
  'minisearch-jieba',
  'minisearch-default',
  'orama-jieba',
  'orama-default',
  'flexsearch-jieba',
  'flexsearch-cjk',
  'pglite',
  'pg-server',
] as const;
