#!/usr/bin/env node
// Compiles the server to plain JavaScript under dist/ so `npm start` runs no
// TypeScript loader. Runs at install (`prepare`, which `npm install` and `npm ci` run) and via
// `npm run build`. esbuild (already installed as tsx's engine) bundles our own modules and leaves
// every npm package external, so node_modules is used as it is. Code splitting keeps the store
// implementations that are imported lazily (S3, PostgreSQL, Redis) in their own chunks: a server
// that does not use them never loads them.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    server: 'server/src/main.ts',
    // the hashing threads' entry: hash-pool.ts starts it from next to whichever chunk it lands in
    'hash-worker': 'server/src/lib/hash-worker.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
});
