import type { Config } from '../platform/config.js';
import { say } from './shared.js';

export async function exportCommand(_c: Config, _file: string, _o: unknown): Promise<number> {
  say('导出：身份模块尚未就绪。', 'Export: the identity module is not ready yet.');
  return 1;
}
export async function importCommand(_c: Config, _file: string, _o: unknown): Promise<number> {
  say('导入：身份模块尚未就绪。', 'Import: the identity module is not ready yet.');
  return 1;
}
