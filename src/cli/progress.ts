/**
 * A terminal progress bar with no dependencies: redraws one line with `\r` on a TTY,
 * prints nothing but the final line elsewhere (logs, CI, pipes).
 */

/** Where the bar writes and whether it may redraw in place. */
export interface ProgressSink {
  write: (text: string) => void;
  /** True on an interactive terminal (redraws in place). */
  tty: boolean;
}

/** A running progress bar. */
export interface ProgressBar {
  /** Sets progress to `done` of `total` with an optional note (e.g. `KL 1.23`). */
  update: (done: number, note?: string) => void;
  /** Completes the bar and ends its line with a summary note. */
  finish: (note?: string) => void;
}

/**
 * Starts a progress bar `label [#####.....]  45%  note`.
 *
 * @param sink - output and TTY flag
 * @param label - text before the bar
 * @param total - the amount of work (> 0)
 * @param width - bar width in characters
 * @returns the bar
 */
export function progressBar(sink: ProgressSink, label: string, total: number, width = 28): ProgressBar {
  const start = Date.now();
  let last = -1;
  let lastTime = 0;
  const draw = (done: number, note: string, final: boolean): string => {
    const f = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
    const full = Math.round(f * width);
    const secs = ((Date.now() - start) / 1000).toFixed(1);
    return `${label.padEnd(14)} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${String(Math.round(f * 100)).padStart(3)}%  ${secs}s${note ? '  ' + note : ''}${final ? '' : '  '}`;
  };
  return {
    update(done, note = '') {
      if (!sink.tty) return;
      const pct = Math.round((done / total) * 100);
      const now = Date.now();
      if (pct === last && now - lastTime < 250) return;
      last = pct;
      lastTime = now;
      sink.write('\r' + draw(done, note, false));
    },
    finish(note = '') {
      sink.write((sink.tty ? '\r' : '') + draw(total, note, true) + '\n');
    },
  };
}
