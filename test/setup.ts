import fc from 'fast-check';

// Seed fast-check once for the whole suite so every property failure reproduces.
// Override with FC_SEED=<n> to explore other seeds locally.
const seed = Number(process.env['FC_SEED'] ?? 20261122);
fc.configureGlobal({ seed, numRuns: 100 });
