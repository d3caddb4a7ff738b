#!/usr/bin/env node
// Production build of the web app (web/ → web/dist) through Vite's JS API.
//
//   node scripts/build-web.mjs             always build
//   node scripts/build-web.mjs --if-stale  build only when a source is newer than
//                                          web/dist/index.html (keeps `npm start` fast)
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const output = join(web, 'dist', 'index.html');

function newestMtime(path) {
  let st;
  try { st = statSync(path); } catch { return 0; }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file shows up as a newer directory
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function isStale() {
  let built;
  try { built = statSync(output).mtimeMs; } catch { return true; }
  const sources = [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.ts')];
  return sources.some((p) => newestMtime(p) > built);
}

if (process.argv.includes('--if-stale') && !isStale()) {
  console.log('web: web/dist is up to date, skipping build');
  process.exit(0);
}

const { build } = await import('vite');
const started = Date.now();
try {
  await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
} catch (err) {
  console.error('web: build failed');
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
console.log(`web: built web/dist in ${Date.now() - started} ms`);
