import type { AppContext } from '../platform/context.js';
import type { Config } from '../platform/config.js';
import { say } from './shared.js';

// Placeholder wiring until the identity module's services land; replaced by the demo seeding.
export async function seedIfEmpty(_ctx: AppContext): Promise<void> {
  say('演示数据：身份模块尚未就绪，跳过。', 'Demo data: the identity module is not ready yet; skipped.');
}

export async function seedCommand(_config: Config, _opts: { force: boolean }): Promise<number> {
  say('演示数据：身份模块尚未就绪。', 'Demo data: the identity module is not ready yet.');
  return 1;
}
