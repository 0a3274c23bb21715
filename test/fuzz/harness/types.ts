/**
 * Types shared by the fuzz harness: what a spec says about one export, what a generated case
 * is, and what the oracle reports.
 */
import type fc from 'fast-check';
import type { LatentErrorCode } from '../../../src/core/errors.js';

/** Any callable export, called with generated (possibly wrong) arguments. */
export type Callable = (...args: never[]) => unknown;

/**
 * What an argument (or one option) holds; decides which bad values it receives.
 * Wrong types, special numbers etc. apply to every kind; each kind adds its own classes.
 */
export type SlotKind =
  | 'matrix' // MatrixLike
  | 'vector' // ArrayLike<number> of a given length
  | 'labels' // ArrayLike<number> of non-negative integer labels
  | 'condensed' // condensed distance vector
  | 'number'
  | 'integer'
  | 'size' // an integer that sets an allocation size (huge → E_MEMORY/E_RANGE)
  | 'boolean'
  | 'string'
  | 'enum'
  | 'seed'
  | 'options' // the options object itself
  | 'model' // a fitted model / state object
  | 'callback' // onProgress-style callback
  | 'signal'
  | 'metric' // metric name or function
  | 'random' // () => number in [0, 1)
  | 'out' // optional destination Float64Array
  | 'text' // serialized model text
  | 'categories' // ArrayLike<Category>
  | 'rows' // ArrayLike<ArrayLike<Category>>
  | 'csr' // CsrMatrix
  | 'symmetric' // eigsh input: CSR, dense matrix or operator
  | 'linkage' // a linkage matrix Z
  | 'series' // lineSvg series
  | 'any'; // anything is legal (predicates)

/** One argument, or one key of an options argument, that the harness corrupts. */
export interface Slot {
  /** Argument index. */
  arg: number;
  /** Option key inside `args[arg]` (an options object); absent: the argument itself. */
  key?: string;
  kind: SlotKind;
  /** Extra wrong-type tags the slot legitimately accepts (e.g. `'string'` for `init`). */
  accepts?: readonly string[];
  /** Valid values of an enum slot (typos of them are generated). */
  values?: readonly unknown[];
  /** `undefined` is legal (optional argument or option). */
  optional?: boolean;
  /** A count of work units: huge legal values (1e9) would run for hours, so none are generated. */
  work?: boolean;
  /** NaN in this slot may propagate to the output instead of throwing (hot-path vector ops). */
  nanPropagates?: boolean;
  /** ±Infinity is a legal value (e.g. `patience`, `clipNorm`, `threshold`). */
  infinityOk?: boolean;
  /**
   * Only values of this JS type are generated: for internal helpers whose argument is typed by
   * the calling library code (a validator's `fn` name), not by a user.
   */
  domain?: 'string' | 'number' | 'object' | 'function' | 'typed';
}

/** How the oracle must judge a call that received a bad value. */
export type Expectation =
  | 'error' // must throw a LatentError
  | 'any' // a LatentError or a sane result
  | 'nan-or-error' // a LatentError, or an output that carries NaN/±Infinity (never a silent number)
  | 'finite-or-error'; // a LatentError, or a sane and finite output (a tampered model's NaN must not leak)

/** One bad value, labelled with its class. */
export interface Bad {
  cls: string;
  value: unknown;
  expect: Expectation;
  /** When the value must give one specific code (an aborted signal → E_ABORTED). */
  code?: LatentErrorCode;
  /** Other keys of the same options object set together with this one (signal + onProgress). */
  extra?: Record<string, unknown>;
  /** The value throws `UserError` from a callback: rethrowing that exact error is fine. */
  userThrows?: boolean;
  /** Set by the value (a callback) when it is called: an 'error' expectation only holds then. */
  probe?: { called: boolean };
}

/** Everything the harness knows about one export. */
export interface Spec {
  /** Export name (the function the user calls: error messages must start with it). */
  name: string;
  fn: Callable;
  /** Argument names, for labels and reports. */
  params: readonly string[];
  /** Valid argument lists (small data). */
  args: fc.Arbitrary<unknown[]>;
  /** What to corrupt. */
  slots: readonly Slot[];
  /** Relative cost of one call: sets the number of cases (cheap ≫ heavy). */
  cost?: 'cheap' | 'medium' | 'heavy';
  /** Sanity of a normal result; returns a description of the problem or undefined. */
  check?: (out: unknown, args: readonly unknown[], before: readonly unknown[]) => string | undefined;
  /** Arguments the function documents as written (`out`, in-place state, `shuffle`'s array). */
  mutates?: readonly number[];
  /** Output paths (`.kl`, `.history.valLoss[0]`) allowed to hold NaN/±Infinity. */
  nonFinite?: RegExp;
  /** Expected message prefix when it is not the export's name (validators: their `fn`). */
  prefix?: (args: readonly unknown[]) => string;
  /** Returns a promise (rejections are judged; a synchronous throw is a defect). */
  async?: boolean;
  /** A total function (predicate): every input must return, never throw. */
  total?: boolean;
  /**
   * A direct (non-iterative in the user's eyes) method: E_CONVERGENCE on finite input is a
   * defect (the solver must scale its input first), not an honest outcome.
   */
  mustConverge?: boolean;
  /** Finite inputs may legitimately overflow to ±Infinity (IEEE arithmetic on huge finite values). */
  overflowOk?: boolean;
}

/** A generated call: the arguments and what was corrupted. */
export interface Case {
  spec: string;
  index: number;
  args: unknown[];
  /** `'valid'` or the slot label (`'X'`, `'options.k'`). */
  slot: string;
  cls: string;
  expect: Expectation;
  code?: LatentErrorCode;
  userThrows?: boolean;
  probe?: { called: boolean };
}

/** Ways a call can break the contract. */
export type FailureKind =
  | 'raw-error' // threw something other than a LatentError (and not the user's own error)
  | 'bad-code' // a LatentError whose code is not one of the documented codes
  | 'wrong-code' // a specific code was required (E_ABORTED for an aborted signal)
  | 'wrong-prefix' // message does not start with the called function's name
  | 'accepted-bad' // returned normally for a value it must reject
  | 'swallowed-nan' // NaN input gave a finite (silent) result
  | 'non-finite' // NaN in the output although every input was finite (or a tampered model's NaN leaked)
  | 'overflow' // ±Infinity in the output from finite input (huge values overflowed)
  | 'insane' // the result failed the spec's sanity check
  | 'mutation' // an input changed
  | 'sync-throw' // an async function threw synchronously instead of rejecting
  | 'hang' // exceeded the hang budget (watchdog)
  | 'crash'; // the worker died (out of memory, stack overflow outside a try)

/** One contract violation found by the oracle. */
export interface Failure {
  spec: string;
  index: number;
  slot: string;
  cls: string;
  kind: FailureKind;
  detail: string;
  /** Compact rendering of the call, for the report. */
  call: string;
  /** With FUZZ_IGNORE_KNOWN=1: the known-failures.ts entry this case matches (before counts). */
  known?: string;
}
