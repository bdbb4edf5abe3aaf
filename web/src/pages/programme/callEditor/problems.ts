/** A call's import problems under one path prefix, with paths made relative to it (for a rules panel). */
import type { ImportProblem } from '../../../api/types.js';

export const problemsUnder = (problems: ImportProblem[], prefix: string) =>
  problems
    .filter((x) => x.path.startsWith(`${prefix}.`))
    .map((x) => ({ ...x, path: x.path.slice(prefix.length + 1) }));
