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
    ...Object.fromEntries(modules.map((m) => [`${m}/index`, `src/${m}/index.ts`])),
  },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  treeshake: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  outDir: 'dist',
};

export default config;
