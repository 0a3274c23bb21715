export { autoencoder, type AutoencoderOptions } from './autoencoder.js';
export { autoencoderContinue, type AutoencoderContinueOptions } from './continue.js';
export { encode } from './encode.js';
export { decode } from './decode.js';
export { reconstruct, reconstructionError } from './reconstruct.js';
export { sample, type SampleOptions } from './sample.js';
export type { AutoencoderModel, AutoencoderTraining, AutoencoderHistory } from './model.js';
export type { AutoencoderProgress, TrainingRunOptions } from './train.js';
export {
  activate,
  activationBackward,
  sigmoid,
  softplus,
  ACTIVATIONS,
  LEAKY_RELU_SLOPE,
  type ActivationName,
} from './activation.js';
export { bceWithLogits, lossGradient, lossValue, LOSSES, type LossName } from './loss.js';
export { glorotUniform, heNormal, INITS, type InitName } from './init.js';
export { adamStep, sgdStep, clipByGlobalNorm, OPTIMIZERS, type OptimizerName } from './optimizer.js';
export { denseLayer, denseForward, denseBackward, denseActivationBackward, type DenseLayer, type DenseLayerOptions } from './dense.js';
