import type { Options } from 'tsup';

/** One entry per public subpath; keep in sync with package.json "exports". */
export const modules: string[] = [
  'core',
  'distance',
  'neighbors',
  'preprocess',
  'cluster',
  'decomposition',
  'manifold',
  'nn',
  'datasets',
  'plot',
];

const config: Options = {
  entry: {
    index: 'src/index.ts',
    internals: 'src/internals.ts',
    ...Object.fromEntries(modules.map((m) => [`${m}/index`, `src/${m}/index.ts`])),
  },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  treeshake: true,
  sourcemap: true,
  clean: false,
  target: 'es2022',
  outDir: 'dist',
};

/** The `latent` command-line tool: ESM only, with a shebang, outside the library's exports. */
const cli: Options = {
  entry: { cli: 'src/cli/main.ts' },
  format: ['esm'],
  dts: false,
  splitting: false,
  sourcemap: false,
  clean: false,
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  banner: { js: '#!/usr/bin/env node' },
};

const configs: Options[] = [config, cli];
export default configs;
