import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../src/cli/decimal.js';

describe('parseDecimal', () => {
  it('reads decimal notation', () => {
    const cases: [string, number][] = [['12', 12], ['-0.5', -0.5], ['.5', 0.5], ['5.', 5], ['1e-3', 0.001], ['+2E+4', 20000], [' 7 ', 7], ['-0', -0], ['007', 7]];
    for (const [t, v] of cases) expect(parseDecimal(t)).toBe(v);
  });

  it('refuses what Number() reads but a data file does not mean as a number', () => {
    for (const t of ['0x1F', '0X1f', '0b101', '0o17', 'Infinity', '-Infinity', 'NaN', '1_000', '', ' ', '1 2', '1e', 'e5', '.', '+', '1e999', '--1']) {
      expect({ t, v: parseDecimal(t) }).toEqual({ t, v: NaN });
    }
  });

  it('agrees with Number() on every finite double written out', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(parseDecimal(String(x))).toBe(Number(String(x)));
        expect(parseDecimal(x.toExponential(5))).toBe(Number(x.toExponential(5)));
      }),
    );
  });
});
