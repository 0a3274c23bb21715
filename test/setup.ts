import fc from 'fast-check';

// Seed fast-check once for the whole suite so every property failure reproduces.
// Override with FC_SEED=<n> to explore other seeds locally, and FC_NUM_RUNS=<n> for a deeper
// search (tests that set their own numRuns keep it).
const seed = Number(process.env['FC_SEED'] ?? 20261122);
const numRuns = Number(process.env['FC_NUM_RUNS'] ?? 100);
fc.configureGlobal({ seed, numRuns });
