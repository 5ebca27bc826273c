/**
 * A trained network's file as the inference worker loads it (the file the lab exports or
 * `inception-explorer train --save` writes): the definition, class names and training record from its
 * metadata, its weights checked against that definition as every checkpoint is (names and shapes,
 * finite values). A snapshot's optimiser state ("<tensor>#<slot>") is left aside. Every problem is an
 * InferenceFailure of kind "weights" naming the file and what to do.
 */
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { TrainedHeaderError, trainedNetworkId } from '../../model/trained.ts';
import type { NetworkDefinition, TrainedNetworkId } from '../../model/types.ts';
import { decodeTrainedNetwork, type TrainingRecord } from '../training/trained-file.ts';
import { assertFinite } from '../weights/checkpoint-file.ts';
import { assertWeights } from '../weights/check-weights.ts';
import { WeightsFileError } from '../weights/errors.ts';
import { tensorSourceFromMap, type TensorSource } from '../weights/types.ts';
import { sha256Hex } from '../loading/sha256.ts';
import { InferenceFailure } from './errors.ts';
import { failureDetailOf } from '../failure-words.ts';

export interface TrainedFile {
  network: TrainedNetworkId;
  definition: NetworkDefinition;
  classes: readonly string[];
  training: TrainingRecord;
  tensors: TensorSource;
  sha256: string;
  bytes: number;
}

/** Reads and checks a trained network's file; `id`, when given, must be its SHA-256's first 16 hex digits. */
export async function readTrainedFile(
  bytes: Uint8Array<ArrayBuffer>,
  fileName: string,
  id?: string,
): Promise<TrainedFile> {
  const sha256 = await sha256Hex(bytes);
  if (id !== undefined && sha256.slice(0, 16) !== id) {
    throw new InferenceFailure('weights', {
      code: 'weights.not-this-trained',
      params: { file: fileName, id, sha256: sha256.slice(0, 16) },
    });
  }
  try {
    const trained = decodeTrainedNetwork(bytes, fileName);
    const tensors = tensorSourceFromMap(trained.weights);
    assertWeights(analyzeNetwork(trained.network), tensors, fileName);
    assertFinite(tensors, fileName);
    return {
      network: trainedNetworkId(sha256.slice(0, 16)),
      definition: trained.network,
      classes: trained.classes,
      training: trained.training,
      tensors,
      sha256,
      bytes: bytes.length,
    };
  } catch (error) {
    if (error instanceof WeightsFileError) throw new InferenceFailure('weights', error.detail, error.problem);
    if (error instanceof TrainedHeaderError) throw new InferenceFailure('weights', failureDetailOf(error));
    throw error;
  }
}
