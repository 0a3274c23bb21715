// Web Worker: runs latent's k-means and a step-by-step t-SNE off the main thread.
// Loaded as a module worker; imports the library's ESM build from dist/ (run `npm run build`).
import { kmeans, tsneStart, tsneStep, tsneEmbedding, tsneResult } from '../../dist/index.js';

self.onmessage = (event) => {
  const msg = event.data;
  try {
    const X = { rows: msg.rows, cols: msg.cols, data: msg.data };
    if (msg.type === 'kmeans') {
      const t0 = performance.now();
      const model = kmeans(X, { k: msg.k, seed: msg.seed });
      // The model is plain data: post its typed arrays back without copying (transfer).
      const centroids = model.centroids.data;
      const labels = model.labels;
      self.postMessage(
        { type: 'kmeans', labels, centroids, k: model.centroids.rows, inertia: model.inertia, iterations: model.iterations, ms: performance.now() - t0 },
        [labels.buffer, centroids.buffer],
      );
    } else if (msg.type === 'tsne') {
      const t0 = performance.now();
      const state = tsneStart(X, { seed: msg.seed, iterations: msg.iterations, perplexity: msg.perplexity });
      let done = 0;
      while (done < msg.iterations) {
        const steps = Math.min(msg.stepsPerFrame, msg.iterations - done);
        tsneStep(state, steps);
        done += steps;
        const frame = tsneEmbedding(state).data; // a fresh copy: safe to transfer
        self.postMessage({ type: 'tsne-frame', iteration: done, embedding: frame }, [frame.buffer]);
      }
      const result = tsneResult(state);
      const embedding = Float64Array.from(result.embedding.data);
      self.postMessage({ type: 'tsne-done', embedding, kl: result.kl, iterations: result.iterations, ms: performance.now() - t0 }, [embedding.buffer]);
    }
  } catch (e) {
    self.postMessage({ type: 'error', message: String(e && e.message ? e.message : e) });
  }
};
