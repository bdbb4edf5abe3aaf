#!/usr/bin/env node
// TransferOne (科转通) command line: `transferone --help`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/src/cli/main.ts');
const code = await main(process.argv);
if (typeof code === 'number') process.exitCode = code;
