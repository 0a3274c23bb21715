/** Option slots shared by many specs (abortable work, memory budget). */
import type { Slot } from '../harness/types.js';

/** `signal` and `onProgress` of a function that runs as abortable work. */
export const taskSlots = (arg: number): Slot[] => [
  { arg, key: 'signal', kind: 'signal', optional: true },
  { arg, key: 'onProgress', kind: 'callback', optional: true },
];

/** `memoryLimit` (bytes; Infinity lifts the budget). */
export const memorySlot = (arg: number): Slot => ({ arg, key: 'memoryLimit', kind: 'number', optional: true, infinityOk: true });
