#!/usr/bin/env node
// CLI entry: runs the TypeScript sources through tsx's loader so `npx switchboard`
// and `npm start` need no separate build step for the server.
import { register } from 'tsx/esm/api';
register();
const { runCli } = await import('../src/cli.ts');
await runCli(process.argv.slice(2));
