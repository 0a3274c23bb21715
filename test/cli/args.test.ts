import { describe, expect, it } from 'vitest';
import { choiceOption, isUsageError, numberOption, parseCommandLine, type OptionSpec } from '../../src/cli/args.js';
import { isLatentError } from '../../src/core/index.js';

const SPEC: Record<string, OptionSpec> = {
  k: { type: 'string', short: 'k', help: 'clusters' },
  seed: { type: 'string', help: 'seed' },
  label: { type: 'string', help: 'label' },
  header: { type: 'boolean', negatable: true, help: 'header' },
  centroids: { type: 'boolean', help: 'centroids' },
  help: { type: 'boolean', short: 'h', help: 'help' },
};

/** The usage error thrown by `f` (fails when it does not throw one). */
function usage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(isLatentError(e) && e.code === 'E_OPTION').toBe(true);
    expect(isUsageError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('did not throw');
}

const parse = (argv: string[]): ReturnType<typeof parseCommandLine> => parseCommandLine('cmd', argv, SPEC);

describe('parseCommandLine (node:util parseArgs, strict)', () => {
  it('reads positionals, --name value, --name=value, -k value, -kVALUE, flags and --no-flags', () => {
    const a = parse(['data.csv', '--k', '3', '--seed=7', '--centroids', '--no-header']);
    expect(a.positional).toEqual(['data.csv']);
    expect([...a.values]).toEqual([['k', '3'], ['seed', '7']]);
    expect([...a.flags]).toEqual([['centroids', true], ['header', false]]);
    expect(parse(['-k', '4']).values.get('k')).toBe('4');
    expect(parse(['-k4']).values.get('k')).toBe('4');
    expect(parse(['--header']).flags.get('header')).toBe(true);
    expect(parse(['-', '--', '--k']).positional).toEqual(['-', '--k']);
  });

  it('takes negative numbers as values (--label -1, -k -2, --seed -.5)', () => {
    expect(parse(['--label', '-1']).values.get('label')).toBe('-1');
    expect(parse(['-k', '-2']).values.get('k')).toBe('-2');
    expect(parse(['--seed', '-.5', 'x.csv']).values.get('seed')).toBe('-.5');
    expect(parse(['--seed', '-.5', 'x.csv']).positional).toEqual(['x.csv']);
  });

  it('names the closest option for an unknown one', () => {
    expect(usage(() => parse(['--kk', '3']))).toBe('cmd: unknown option --kk (did you mean --k?); see latent cmd --help');
    expect(usage(() => parse(['--centriods']))).toBe('cmd: unknown option --centriods (did you mean --centroids?); see latent cmd --help');
    expect(usage(() => parse(['--no-centroids']))).toBe('cmd: unknown option --no-centroids (did you mean --centroids?); see latent cmd --help');
    expect(usage(() => parse(['--zzzzzz']))).toBe('cmd: unknown option --zzzzzz; see latent cmd --help');
    expect(usage(() => parse(['-x']))).toMatch(/^cmd: unknown option -x/);
  });

  it('refuses a repeated option (parseArgs alone keeps the last) and --x with --no-x', () => {
    expect(usage(() => parse(['--k', '3', '--k', '4']))).toBe('cmd: --k is given twice (--k 3, then --k 4); give it once');
    expect(usage(() => parse(['-k', '3', '--k=3']))).toBe('cmd: --k is given twice (-k 3, then --k 3); give it once');
    expect(usage(() => parse(['--centroids', '--centroids']))).toBe('cmd: --centroids is given twice (--centroids, then --centroids); give it once');
    expect(usage(() => parse(['--no-header', '--header']))).toBe('cmd: --header is given twice (--no-header, then --header); give it once');
  });

  it('refuses an option without a value, or whose value is another option', () => {
    expect(usage(() => parse(['--k']))).toBe('cmd: --k needs a value');
    expect(usage(() => parse(['-k']))).toBe('cmd: -k needs a value');
    expect(usage(() => parse(['--k', '--seed', '3']))).toBe('cmd: --k needs a value (got the option --seed)');
  });

  it('refuses a value given to a flag', () => {
    expect(usage(() => parse(['--centroids=yes']))).toBe('cmd: --centroids is a flag and takes no value, got "yes"');
    expect(usage(() => parse(['--no-header=1']))).toBe('cmd: --no-header is a flag and takes no value, got "1"');
  });

  it('answers help first, whatever else is wrong', () => {
    expect(parse(['--nope', '--k', '1', '--k', '2', '-h']).flags.get('help')).toBe(true);
    expect(parse(['--help']).flags.get('help')).toBe(true);
  });
});

describe('numberOption and choiceOption', () => {
  const args = (v: string): ReturnType<typeof parseCommandLine> => parse(['--k', v]);
  it('reads decimal numbers within bounds', () => {
    expect(numberOption('cmd', args('12'), 'k', undefined, { min: 1, integer: true })).toBe(12);
    expect(numberOption('cmd', args('2.5e-1'), 'k', undefined, { min: 0, max: 1 })).toBe(0.25);
    expect(numberOption('cmd', parse([]), 'k', 5)).toBe(5);
  });

  it('refuses hexadecimal, binary, octal, Infinity, blanks and out-of-range values', () => {
    for (const v of ['0x2', '0b10', '0o2', 'Infinity', '1_0', ' ', '1e400']) {
      expect(usage(() => numberOption('cmd', args(v), 'k', undefined, { min: 1, integer: true }))).toBe(`cmd: --k must be an integer >= 1, got "${v}"`);
    }
    expect(usage(() => numberOption('cmd', args('2.5'), 'k', undefined, { min: 1, max: 9, integer: true }))).toBe('cmd: --k must be an integer in [1, 9], got "2.5"');
    expect(usage(() => numberOption('cmd', args('x'), 'k', undefined))).toBe('cmd: --k must be a decimal number, got "x"');
    expect(usage(() => numberOption('cmd', parse([]), 'k', undefined))).toBe('cmd: --k is required; see latent cmd --help');
  });

  it('reads a choice and suggests the closest for a typo', () => {
    expect(choiceOption('cmd', parse(['--label', 'b']), 'label', 'a', ['a', 'b'])).toBe('b');
    expect(choiceOption('cmd', parse([]), 'label', 'a', ['a', 'b'])).toBe('a');
    expect(usage(() => choiceOption('cmd', parse(['--label', 'cosin']), 'label', 'euclidean', ['euclidean', 'cosine']))).toBe(
      'cmd: --label must be one of euclidean, cosine, got "cosin" (did you mean cosine?)',
    );
  });
});
