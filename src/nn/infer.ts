/**
 * Chunked inference through part of an autoencoder's layers (shared by encode, decode,
 * reconstruct and sample). Internal to `nn`.
 */
import { type AutoencoderModel, modelSpec } from './model.js';
import { createNetwork, flattenParameters, forwardRange, parameterCount } from './network.js';

/** Rows pushed through the network at a time: bounds memory and keeps buffers in cache. */
const CHUNK = 256;

/**
 * Runs rows of `input` (n × width of layer `from`) through layers `[from, to)` of the
 * model (encoder then decoder; a variational bottleneck uses the mean) and copies the first
 * `keep` columns of the result into a new n × keep array.
 *
 * @param model - a checked model
 * @param input - row-major input
 * @param n - rows
 * @param from - first layer
 * @param to - one past the last layer
 * @param keep - output columns kept (≤ width of layer `to − 1`)
 * @returns n × keep row-major values
 */
export function runLayers(model: AutoencoderModel, input: Float64Array, n: number, from: number, to: number, keep: number): Float64Array {
  const spec = modelSpec(model);
  const theta = flattenParameters(spec.layers, new Float64Array(parameterCount(spec.layers)));
  const rows = Math.max(1, Math.min(CHUNK, n));
  const net = createNetwork(spec, theta, rows);
  const width = spec.layers[from]!.inputSize;
  const outWidth = spec.layers[to - 1]!.outputSize;
  const out = new Float64Array(n * keep);
  for (let start = 0; start < n; start += rows) {
    const m = Math.min(rows, n - start);
    const y = forwardRange(net, input.subarray(start * width, (start + m) * width), m, from, to, false);
    if (keep === outWidth) out.set(y.subarray(0, m * keep), start * keep);
    else {
      for (let i = 0; i < m; i++) {
        const src = i * outWidth;
        const dst = (start + i) * keep;
        for (let j = 0; j < keep; j++) out[dst + j] = y[src + j]!;
      }
    }
  }
  return out;
}
