/** Text summary of a fuzz run: totals, failures grouped by class, slow calls. */
import type { PoolResult } from './pool.js';
import type { FuzzSettings } from './settings.js';
import type { Failure } from './types.js';

/** Failures grouped by (function, slot, class family, kind), with a count and the first call. */
export function groupFailures(failures: readonly Failure[]): { key: string; count: number; first: Failure }[] {
  const groups = new Map<string, { key: string; count: number; first: Failure }>();
  for (const f of failures) {
    const family = f.cls.replace(/^(model:[^:]*):.*$/, '$1:*');
    const key = `${f.spec} | ${f.slot} | ${family} | ${f.kind}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { key, count: 1, first: f });
    else g.count++;
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function summarize(r: PoolResult, s: FuzzSettings, maxGroups = 400): string {
  const stats = [...r.stats.values()];
  const calls = stats.reduce((a, x) => a + x.calls, 0);
  const ms = stats.reduce((a, x) => a + x.ms, 0);
  const skipped = stats.reduce((a, x) => a + Object.values(x.skippedKnown).reduce((p, q) => p + q, 0), 0);
  const suppressed = stats.reduce((a, x) => a + Object.values(x.knownFailures).reduce((p, q) => p + q, 0), 0);
  const byKind = new Map<string, number>();
  for (const f of r.failures) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  const lines: string[] = [];
  lines.push(
    `fuzz: seed ${s.seed}, depth ${s.depth}: ${stats.length} specs, ${calls} calls, ${Math.round(ms)} ms in calls, ${r.wallMs} ms wall, ${r.restarts} worker restarts; known failures: ${suppressed} suppressed, ${skipped} known-hang cases not run`,
  );
  lines.push(`failures: ${r.failures.length}${byKind.size > 0 ? ` (${[...byKind].map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`);
  if (s.ignoreKnown) {
    // Before counts: failures per known-failures.ts entry, and how many calls each entry covers.
    const per = new Map<string, { failures: number; kinds: Map<string, number> }>();
    for (const f of r.failures) {
      const id = f.known ?? '(not in known-failures.ts)';
      const e = per.get(id) ?? { failures: 0, kinds: new Map<string, number>() };
      e.failures++;
      e.kinds.set(f.kind, (e.kinds.get(f.kind) ?? 0) + 1);
      per.set(id, e);
    }
    lines.push('failures per known-failures.ts entry:');
    for (const [id, e] of [...per].sort((a, b) => b[1].failures - a[1].failures)) {
      lines.push(`  ${String(e.failures).padStart(5)}  ${id}  (${[...e.kinds].map(([k, v]) => `${k} ${v}`).join(', ')})`);
    }
  }
  const groups = groupFailures(r.failures.filter((f) => !s.ignoreKnown || f.known === undefined));
  for (const g of groups.slice(0, maxGroups)) {
    lines.push(`  ${g.count}× ${g.key}`);
    lines.push(`      ${g.first.detail.slice(0, 300)}`);
    lines.push(`      case ${g.first.index}: ${g.first.call.slice(0, 400)}`);
  }
  if (groups.length > maxGroups) lines.push(`  … ${groups.length - maxGroups} more groups`);
  const never = stats.filter((x) => x.validCalls > 0 && x.validOk === 0).map((x) => x.spec);
  if (never.length > 0) lines.push(`specs whose valid calls never succeeded: ${never.join(', ')}`);
  if (r.slow.length > 0) {
    lines.push(`slow calls (> ${s.slowMs} ms): ${r.slow.length}`);
    for (const x of r.slow.slice(0, 30)) lines.push(`  ${Math.round(x.ms)} ms ${x.spec} case ${x.index} ${x.slot} ${x.cls}`);
  }
  const heavy = stats.slice().sort((a, b) => b.ms - a.ms).slice(0, 12);
  lines.push(`most time: ${heavy.map((x) => `${x.spec} ${Math.round(x.ms)} ms/${x.calls}`).join(', ')}`);
  return lines.join('\n');
}
