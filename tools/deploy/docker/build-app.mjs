#!/usr/bin/env node
// Image build step (Dockerfile stage `build`), also runnable on a workstation:
//   node tools/deploy/docker/build-app.mjs <app> [outDir=dist]
// 1. Compiles apps/<app>/src/main.ts and everything it imports (libs via the tsconfig path aliases) with the
//    installed TypeScript (type-checked; any error fails the build) into <outDir>/apps/... and <outDir>/libs/...
// 2. Writes one small CommonJS shim per path alias into <outDir>/node_modules/@tapcharge/..., so the compiled
//    `require('@tapcharge/kafka')` resolves by Node's ordinary node_modules lookup: no loader hook, no
//    TypeScript or swc at run time.
// 3. Writes <outDir>/start.js, the image's entry point (exec-form CMD cannot expand $APP).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const [app, outArg = 'dist'] = process.argv.slice(2);
if (!app || !/^[a-z0-9-]+$/.test(app)) {
  console.error('usage: build-app.mjs <app> [outDir]');
  process.exit(2);
}
const main = join(root, 'apps', app, 'src/main.ts');
if (!existsSync(main)) {
  console.error(`build-app: apps/${app}/src/main.ts does not exist`);
  process.exit(2);
}
const outDir = resolve(root, outArg);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

// A throwaway tsconfig in the ignored .local/ (paths and baseUrl stay relative to the base file).
mkdirSync(join(root, '.local'), { recursive: true });
const tsconfigPath = join(root, '.local', `tsconfig.build-${app}.${process.pid}.json`);
writeFileSync(
  tsconfigPath,
  JSON.stringify({
    extends: '../tsconfig.base.json',
    compilerOptions: {
      outDir,
      rootDir: '..',
      types: ['node'],
      sourceMap: true,
      noEmitOnError: true,
      incremental: false,
    },
    files: [relative(join(root, '.local'), main)],
  }),
);
const started = Date.now();
let status;
try {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  status = spawnSync(process.execPath, [tsc, '-p', tsconfigPath], { cwd: root, stdio: 'inherit' }).status;
} finally {
  rmSync(tsconfigPath, { force: true });
}
if (status !== 0) {
  console.error(`build-app: tsc failed for ${app} (exit ${status})`);
  process.exit(1);
}

// Path alias shims: "@tapcharge/kafka/nest": ["libs/kafka/src/nest/index.ts"]
//   -> <outDir>/node_modules/@tapcharge/kafka/nest/index.js: module.exports = require('<rel>/libs/kafka/src/nest/index.js')
const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
let shims = 0;
for (const [alias, [target]] of Object.entries(base.compilerOptions.paths ?? {})) {
  const compiled = join(outDir, target.replace(/\.ts$/, '.js'));
  if (!existsSync(compiled)) continue; // alias not used by this app
  const shimDir = join(outDir, 'node_modules', alias);
  mkdirSync(shimDir, { recursive: true });
  let rel = relative(shimDir, compiled).split('\\').join('/');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  writeFileSync(join(shimDir, 'index.js'), `'use strict';\nmodule.exports = require('${rel}');\n`);
  shims += 1;
}
writeFileSync(
  join(outDir, 'start.js'),
  `'use strict';\n// Entry point of the ${app} image (written by tools/deploy/docker/build-app.mjs).\nrequire('./apps/${app}/src/main.js');\n`,
);
console.log(
  `build-app: ${app} compiled to ${relative(root, outDir) || '.'} in ${((Date.now() - started) / 1000).toFixed(1)}s (${shims} alias shims)`,
);
