import { createSeededRandom } from '../../shared/classifier/seededRandom';
import { assertNever } from '../../shared/util/assertNever';
import type { Network } from './architectures/network';
import { createStgcn } from './architectures/stgcn';
import { createTcn } from './architectures/tcn';
import { validateConfig } from './config';
import type { ClassifierConfigInput } from './config';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, WEIGHTS_FILE } from './constants';
import { jointsOf } from './graph';
import { inputShapeOf } from './normalise';
import { tf } from './tf/tfjs';
import type {
  ClassInfo,
  ClassifierConfig,
  ModelArtifacts,
  ModelFile,
  SituationClassifier,
  WeightSpec,
} from './types';

/** Windows run through the network at once when predicting. */
const PREDICT_BATCH = 256;

export interface ClassifierInit {
  config?: ClassifierConfigInput;
  classes: readonly ClassInfo[];
  /** Saved weights to load (from `save()`); without them, fresh weights drawn from the config's seed. */
  artifacts?: ModelArtifacts;
}

/** A classifier with its network, for the trainer (which needs the variables). */
export interface TrainableClassifier extends SituationClassifier {
  readonly network: Network;
}

export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

function buildNetwork(config: ClassifierConfig, classes: number): Network {
  const joints = jointsOf(config.jointSet);
  const shape = inputShapeOf(config, joints.length);
  const prng = createSeededRandom(config.seed).fork('weights');
  switch (config.architecture) {
    case 'tcn':
      return createTcn(config, shape, classes, prng);
    case 'stgcn':
      return createStgcn(config, shape, joints, classes, prng);
    default:
      return assertNever(config.architecture, 'architecture');
  }
}

/** Checks a model file's description before anything is built from it. */
export function checkModelFile(model: ModelFile): void {
  if (model.format !== MODEL_FORMAT) {
    throw new ModelFileError(`Not an amelia situation classifier (format ${JSON.stringify(model.format)}).`);
  }
  if (model.formatVersion > MODEL_FORMAT_VERSION) {
    throw new ModelFileError(
      `This model was saved by a newer amelia (format version ${model.formatVersion}; this one reads ${MODEL_FORMAT_VERSION}).`,
    );
  }
  if (!Array.isArray(model.classes) || model.classes.length < 2) {
    throw new ModelFileError('A model file must name at least two classes.');
  }
}

/** The situation classifier: a network for a configuration and classes, fresh or with saved weights. */
export function createSituationClassifier(init: ClassifierInit): TrainableClassifier {
  const config = validateConfig(init.artifacts?.model.config ?? init.config ?? {});
  const classes = init.artifacts ? init.artifacts.model.classes : [...init.classes];
  if (classes.length < 2)
    throw new ModelFileError(`A classifier needs at least two classes (got ${classes.length}).`);
  const inputShape = inputShapeOf(config, jointsOf(config.jointSet).length);
  if (init.artifacts) checkModelFile(init.artifacts.model);
  const network = buildNetwork(config, classes.length);
  if (init.artifacts) {
    try {
      loadWeights(network, init.artifacts);
    } catch (err) {
      network.dispose();
      throw err;
    }
  }
  const parameterCount = network.variables.reduce((n, v) => n + v.size, 0);
  return {
    config,
    classes,
    inputShape,
    parameterCount,
    network,
    async predict(batch) {
      const per = inputShape.frames * inputShape.joints * inputShape.channels;
      if (batch.features.length < batch.count * per) {
        throw new Error(
          `predict: ${batch.count} windows need ${batch.count * per} numbers, got ${batch.features.length}.`,
        );
      }
      const out = new Float32Array(batch.count * classes.length);
      for (let s = 0; s < batch.count; s += PREDICT_BATCH) {
        const n = Math.min(PREDICT_BATCH, batch.count - s);
        const probs = tf.tidy(() => {
          const x = tf.tensor4d(batch.features.subarray(s * per, (s + n) * per), [
            n,
            inputShape.frames,
            inputShape.joints,
            inputShape.channels,
          ]);
          return tf.softmax(network.apply(x, null));
        });
        try {
          out.set(await probs.data(), s * classes.length);
        } finally {
          probs.dispose();
        }
      }
      return out;
    },
    async save() {
      const named: tf.NamedTensorMap = {};
      network.variables.forEach((v, i) => (named[network.names[i] as string] = v));
      const { data, specs } = await tf.io.encodeWeights(named);
      const model: ModelFile = {
        format: MODEL_FORMAT,
        formatVersion: MODEL_FORMAT_VERSION,
        config,
        classes: [...classes],
        inputShape,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs as WeightSpec[] }],
      };
      return { model, weights: data };
    },
    dispose() {
      network.dispose();
    },
  };
}

function loadWeights(network: Network, artifacts: ModelArtifacts): void {
  const specs = artifacts.model.weightsManifest.flatMap((g) => g.weights);
  let decoded: tf.NamedTensorMap;
  try {
    decoded = tf.io.decodeWeights(artifacts.weights, specs);
  } catch (err) {
    throw new ModelFileError(`The weights cannot be read: ${(err as Error).message}`);
  }
  try {
    network.variables.forEach((v, i) => {
      const name = network.names[i] as string;
      const t = decoded[name];
      if (!t) throw new ModelFileError(`The weights lack ${name}.`);
      if (t.shape.join('×') !== v.shape.join('×')) {
        throw new ModelFileError(
          `${name} is ${t.shape.join('×')} in the file, ${v.shape.join('×')} in the model.`,
        );
      }
      v.assign(t);
    });
  } finally {
    for (const t of Object.values(decoded)) t.dispose();
  }
}
