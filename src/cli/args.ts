/**
 * A small command-line argument parser (no dependencies): `--name value`, `--name=value`,
 * boolean `--flag` / `--no-flag`, `-h`, and positional arguments.
 */
import { LatentError } from '../core/errors.js';

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

/**
 * Parses `argv` against `spec`; unknown options are errors (with a "did you mean" hint).
 *
 * @param command - command name for messages
 * @param argv - the arguments after the command name
 * @param spec - the accepted options, keyed by long name
 * @returns positional arguments, option values and flags
 * @throws LatentError `E_OPTION` for an unknown option or a missing value
 */
export function parseArgs(command: string, argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const out: ParsedArgs = { positional: [], values: new Map(), flags: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h') {
      out.flags.set('help', true);
      continue;
    }
    if (a === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    let name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    let negated = false;
    if (!(name in spec) && name.startsWith('no-') && spec[name.slice(3)]?.type === 'boolean') {
      name = name.slice(3);
      negated = true;
    }
    const opt = spec[name];
    if (opt === undefined) {
      const near = Object.keys(spec).find((k) => k.startsWith(name.slice(0, 3)) || name.startsWith(k));
      throw new LatentError('E_OPTION', `latent ${command}: unknown option --${name}${near ? ` (did you mean --${near}?)` : ''}; see latent ${command} --help`);
    }
    if (opt.type === 'boolean') {
      if (eq >= 0) {
        const v = a.slice(eq + 1);
        if (v !== 'true' && v !== 'false') throw new LatentError('E_OPTION', `latent ${command}: --${name} is a flag (true or false), got "${v}"`);
        out.flags.set(name, v === 'true');
      } else out.flags.set(name, !negated);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = a.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || (eq < 0 && value.startsWith('--'))) {
      throw new LatentError('E_OPTION', `latent ${command}: --${name} needs a value ${opt.arg ?? ''}`.trimEnd());
    }
    out.values.set(name, value);
  }
  return out;
}

/**
 * Reads a numeric option: a finite number within `[min, max]` (and whole when `integer`).
 *
 * @param command - command name for messages
 * @param args - parsed arguments
 * @param name - option name
 * @param fallback - value when the option is absent (`undefined` = required)
 * @param range - bounds and integrality
 * @returns the number
 * @throws LatentError `E_OPTION` when missing or not a number in range
 */
export function numberOption(
  command: string,
  args: ParsedArgs,
  name: string,
  fallback: number | undefined,
  range: { min?: number; max?: number; integer?: boolean } = {},
): number {
  const raw = args.values.get(name);
  if (raw === undefined) {
    if (fallback === undefined) throw new LatentError('E_OPTION', `latent ${command}: --${name} is required; see latent ${command} --help`);
    return fallback;
  }
  const v = raw.trim() === '' ? NaN : Number(raw);
  const { min = -Infinity, max = Infinity, integer = false } = range;
  if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    const what = integer ? 'an integer' : 'a number';
    const bounds = min > -Infinity && max < Infinity ? ` in [${min}, ${max}]` : min > -Infinity ? ` >= ${min}` : max < Infinity ? ` <= ${max}` : '';
    throw new LatentError('E_OPTION', `latent ${command}: --${name} must be ${what}${bounds}, got "${raw}"`);
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
 * @throws LatentError `E_OPTION` for any other value
 */
export function choiceOption<T extends string>(command: string, args: ParsedArgs, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = args.values.get(name) ?? fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new LatentError('E_OPTION', `latent ${command}: --${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}
