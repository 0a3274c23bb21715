/**
 * Long work that can be observed and stopped: an algorithm written as a generator that yields
 * at checkpoints (every few milliseconds of work, set-up included) runs synchronously with
 * {@link runSync} or cooperatively with {@link runAsync}, and both check the caller's
 * `AbortSignal` at every checkpoint.
 */
import { LatentError } from './errors.js';

/** What `onProgress` receives from latent's long-running functions. */
export interface Progress {
  /** The running stage, e.g. `'knn'`, `'graph'`, `'optimize'`, `'build'`. */
  stage: string;
  /** Units of the stage done so far (rows, epochs, points inserted, …). */
  completed: number;
  /** Units the stage will do in all. */
  total: number;
}

/**
 * A resumable computation: yields `undefined` at plain checkpoints and a {@link Progress} when it
 * has something to report; returns its result.
 */
export type Work<T> = Generator<Progress | undefined, T, void>;

/** The observation hooks a long function accepts, with the public name to use in errors. */
export interface Observer {
  /** Public function name (for `E_ABORTED` messages). */
  fn: string;
  /** Stops the work at the next checkpoint. */
  signal?: AbortSignal | undefined;
  /** Receives the progress reports. */
  onProgress?: ((progress: Progress) => void) | undefined;
}

/**
 * Throws `E_ABORTED` when the signal has fired.
 *
 * @param fn - public function name
 * @param signal - optional AbortSignal
 * @throws LatentError `E_ABORTED`
 * @example
 * ```ts
 * const ac = new AbortController(); ac.abort();
 * checkAborted('umap', ac.signal); // throws LatentError E_ABORTED
 * ```
 */
export function checkAborted(fn: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new LatentError('E_ABORTED', `${fn}: aborted by the caller's AbortSignal`);
}

/**
 * Runs `work` to completion on the calling thread, checking `signal` at every checkpoint (so an
 * abort fired from `onProgress`, or before the call, stops it) and forwarding progress reports.
 *
 * @param work - the generator
 * @param observer - name, signal, progress callback
 * @returns the work's result
 * @throws LatentError `E_ABORTED`; whatever the work or `onProgress` throws
 * @example
 * ```ts
 * function* count(): Work<number> { for (let i = 0; i < 3; i++) yield { stage: 'count', completed: i, total: 3 }; return 3; }
 * runSync(count(), { fn: 'demo' }); // 3
 * ```
 */
export function runSync<T>(work: Work<T>, observer: Observer): T {
  const { fn, signal, onProgress } = observer;
  for (;;) {
    checkAborted(fn, signal);
    const step = work.next();
    if (step.done === true) return step.value;
    if (step.value !== undefined && onProgress !== undefined) onProgress(step.value);
  }
}

/**
 * Runs `work` cooperatively: returns to the event loop about every `sliceMs` milliseconds so
 * timers, UI events and an `AbortSignal` fired from them take effect while it runs (within one
 * slice plus one checkpoint). The result is the same as {@link runSync}'s, bit for bit.
 *
 * @param work - the generator
 * @param observer - name, signal, progress callback
 * @param sliceMs - milliseconds of work between returns to the event loop (default 15)
 * @returns a promise of the work's result
 * @throws LatentError `E_ABORTED` (as a rejection)
 * @example
 * ```ts
 * const ac = new AbortController();
 * setTimeout(() => ac.abort(), 100);
 * await runAsync(longWork(), { fn: 'umapAsync', signal: ac.signal }); // rejects with E_ABORTED
 * ```
 */
export async function runAsync<T>(work: Work<T>, observer: Observer, sliceMs = 15): Promise<T> {
  const { fn, signal, onProgress } = observer;
  await yieldToEventLoop();
  let start = Date.now();
  for (;;) {
    checkAborted(fn, signal);
    const step = work.next();
    if (step.done === true) return step.value;
    if (step.value !== undefined && onProgress !== undefined) onProgress(step.value);
    if (Date.now() - start >= sliceMs) {
      await yieldToEventLoop();
      start = Date.now();
    }
  }
}

/**
 * A promise that resolves on a later turn of the event loop (a macrotask, so timers and I/O
 * callbacks run in between).
 *
 * @returns the promise
 * @example
 * ```ts
 * await yieldToEventLoop();
 * ```
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Forwards `work`'s checkpoints and progress reports under another stage name, so a function
 * that delegates a phase (UMAP's neighbour search through `knnGraph`) reports it in its own
 * vocabulary (`'knn'`). The result is `work`'s.
 *
 * @param work - the delegated work
 * @param stage - the stage name its reports should carry
 * @returns the relabelled work
 * @example
 * ```ts
 * const graph = yield* relabel(knnGraphWork('umap', X, 15), 'knn');
 * ```
 */
export function* relabel<T>(work: Work<T>, stage: string): Work<T> {
  for (;;) {
    const step = work.next();
    if (step.done === true) return step.value;
    const p = step.value;
    yield p === undefined ? undefined : { stage, completed: p.completed, total: p.total };
  }
}

/**
 * Forwards `work`'s checkpoints but none of its progress reports: for a preparatory phase (an
 * index build) whose own counts would not fit the caller's stage. The result is `work`'s.
 *
 * @param work - the delegated work
 * @returns the same work, reporting nothing
 * @example
 * ```ts
 * const index = yield* silently(createIndexWork(fn, m, o, 'vptree', true, false));
 * ```
 */
export function* silently<T>(work: Work<T>): Work<T> {
  for (;;) {
    const step = work.next();
    if (step.done === true) return step.value;
    yield undefined;
  }
}
