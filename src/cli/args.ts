/**
 * Command-line arguments on `node:util`'s `parseArgs` (strict, no dependency), with the
 * checks it leaves out: an unknown option names the closest valid one, a repeated option is
 * an error instead of "the last one wins", a value that is another option is a missing value,
 * and numbers are decimal only. Every error is a usage error: a `LatentError` with code
 * `E_OPTION` that the CLI reports with exit code 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LatentError } from '../core/index.js';
import { closestName } from '../internals.js';
import { parseDecimal } from './decimal.js';

/** How one option is read. */
export interface OptionSpec {
  /** `string` takes a value; `boolean` is a flag. */
  type: 'string' | 'boolean';
  /** One line for `--help`. */
  help: string;
  /** Placeholder shown in `--help`, e.g. `<k>`. */
  arg?: string;
  /** Default shown in `--help` (the command applies it). */
  default?: string;
  /** One-letter alias, e.g. `k` for `-k 3`. */
  short?: string;
  /** A flag that also has a `--no-<name>` form (false). */
  negatable?: boolean;
}

/** The parsed command line. */
export interface ParsedArgs {
  /** Positional arguments in order. */
  positional: string[];
  /** Values of string options. */
  values: Map<string, string>;
  /** Values of boolean flags (true for `--x`, false for `--no-x`). */
  flags: Map<string, boolean>;
}

/** Errors in the command line as written (exit code 2), as opposed to errors in the data (1). */
const USAGE = new WeakSet<object>();

/**
 * A usage error: `E_OPTION` with `message`, marked so the CLI exits with code 2.
 *
 * @param message - the full message, starting with the command name
 * @returns the error (to throw)
 */
export function usageError(message: string): LatentError {
  const e = new LatentError('E_OPTION', message);
  USAGE.add(e);
  return e;
}

/**
 * Whether `e` was made by {@link usageError}.
 *
 * @param e - a caught value
 * @returns true for a usage error
 */
export function isUsageError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && USAGE.has(e);
}

/** A number written as a negative value (`-1`, `-.5`, `-2e3`), not an option. */
const NEGATIVE = /^-(?:\d|\.\d)/;

/**
 * Rewrites `--name -1` as `--name=-1` for string options, so negative numbers (`--label -1`
 * for the last column, `--seed -3`) are values: parseArgs would call them ambiguous.
 */
function joinNegativeValues(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>): string[] {
  const shortToLong = new Map(Object.entries(spec).flatMap(([name, s]) => (s.short ? [[s.short, name] as const] : [])));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const name = a.startsWith('--') ? a.slice(2) : /^-[^-]$/.test(a) ? shortToLong.get(a.slice(1)) : undefined;
    const next = argv[i + 1];
    if (name !== undefined && spec[name]?.type === 'string' && next !== undefined && NEGATIVE.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/**
 * Parses `argv` against `spec` with `node:util` `parseArgs` in strict mode.
 *
 * `-h` / `--help` wins over every other problem (help is always reachable). Otherwise an
 * unknown option (with a "did you mean"), a flag given a value, an option without a value,
 * an option given twice and `--x` with `--no-x` are errors.
 *
 * @param command - command name for messages
 * @param argv - the arguments after the command name
 * @param spec - the accepted options, keyed by long name
 * @returns positional arguments, option values and flags
 * @throws LatentError `E_OPTION` (a usage error, see {@link isUsageError})
 */
export function parseCommandLine(command: string, argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  const canonical = new Map<string, { name: string; negated: boolean }>();
  for (const [name, s] of Object.entries(spec)) {
    options[name] = s.short ? { type: s.type, short: s.short } : { type: s.type };
    canonical.set(name, { name, negated: false });
    if (s.type === 'boolean' && s.negatable) {
      options[`no-${name}`] = { type: 'boolean' };
      canonical.set(`no-${name}`, { name, negated: true });
    }
  }
  const args = joinNegativeValues(argv, spec);
  const see = `see latent ${command} --help`;

  // First pass (not strict): tokens for precise messages.
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return { positional: [], values: new Map(), flags: new Map([['help', true]]) };
  const seen = new Map<string, string>();
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const c = canonical.get(t.name);
    if (c === undefined) {
      const guess = closestName(t.name, [...canonical.keys()]);
      throw usageError(`${command}: unknown option ${t.rawName}${guess !== undefined ? ` (did you mean --${guess}?)` : ''}; ${see}`);
    }
    const s = spec[c.name]!;
    const shown = c.negated ? `--no-${c.name}` : `--${c.name}`;
    if (s.type === 'boolean' && t.value !== undefined) {
      throw usageError(`${command}: ${shown} is a flag and takes no value, got "${t.value}"${s.negatable && !c.negated ? ` (use --${c.name} or --no-${c.name})` : ''}`);
    }
    if (s.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-') && t.value !== '-'))) {
      throw usageError(`${command}: ${t.rawName} needs a value ${s.arg ?? ''}`.trimEnd() + (t.value !== undefined ? ` (got the option ${t.value})` : ''));
    }
    const written = s.type === 'string' ? `${t.rawName} ${t.value}` : t.rawName;
    const before = seen.get(c.name);
    if (before !== undefined) throw usageError(`${command}: --${c.name} is given twice (${before}, then ${written}); give it once`);
    seen.set(c.name, written);
  }

  // Second pass: strict parseArgs for the values (the checks above leave it nothing to reject).
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw usageError(`${command}: ${(e as Error).message}; ${see}`);
  }
  const out: ParsedArgs = { positional: parsed.positionals, values: new Map(), flags: new Map() };
  for (const [key, v] of Object.entries(parsed.values)) {
    const c = canonical.get(key)!;
    if (typeof v === 'string') out.values.set(c.name, v);
    else if (typeof v === 'boolean') out.flags.set(c.name, c.negated ? !v : v);
  }
  return out;
}

/** Bounds of a numeric option. */
export interface NumberRange {
  /** Smallest value. @defaultValue -Infinity */
  min?: number;
  /** Largest value. @defaultValue Infinity */
  max?: number;
  /** Whole numbers only. @defaultValue false */
  integer?: boolean;
}

/**
 * Reads a numeric option: a finite decimal number within `[min, max]` (and whole when
 * `integer`). `0x10`, `1_000`, `Infinity` are not numbers here.
 *
 * @param command - command name for messages
 * @param args - parsed arguments
 * @param name - option name
 * @param fallback - value when the option is absent (`undefined` = required)
 * @param range - bounds and integrality
 * @returns the number
 * @throws LatentError `E_OPTION` (usage error) when missing or not a number in range
 */
export function numberOption(command: string, args: ParsedArgs, name: string, fallback: number | undefined, range: NumberRange = {}): number {
  const raw = args.values.get(name);
  if (raw === undefined) {
    if (fallback === undefined) throw usageError(`${command}: --${name} is required; see latent ${command} --help`);
    return fallback;
  }
  const v = parseDecimal(raw);
  const { min = -Infinity, max = Infinity, integer = false } = range;
  if (Number.isNaN(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    const what = integer ? 'an integer' : 'a decimal number';
    const bounds = min > -Infinity && max < Infinity ? ` in [${min}, ${max}]` : min > -Infinity ? ` >= ${min}` : max < Infinity ? ` <= ${max}` : '';
    throw usageError(`${command}: --${name} must be ${what}${bounds}, got "${raw}"`);
  }
  return v;
}

/**
 * Reads a string option restricted to `allowed` values.
 *
 * @param command - command name for messages
 * @param args - parsed arguments
 * @param name - option name
 * @param fallback - default value
 * @param allowed - accepted values
 * @returns the value
 * @throws LatentError `E_OPTION` (usage error) for any other value, naming the closest one
 */
export function choiceOption<T extends string>(command: string, args: ParsedArgs, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = args.values.get(name) ?? fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    const guess = closestName(raw, allowed);
    throw usageError(`${command}: --${name} must be one of ${allowed.join(', ')}, got "${raw}"${guess !== undefined ? ` (did you mean ${guess}?)` : ''}`);
  }
  return raw as T;
}
