/** Which network a weights file the user chose belongs to ("any" in the worker's loadWeights). */
import type { NetworkDefinition } from '../../model/types.ts';
import { FILE_LEVEL_PROBLEMS, type WeightsFileProblem } from '../weights/errors.ts';
import { InferenceFailure } from './errors.ts';
import { failureDetailOf, type FailureDetail } from '../failure-words.ts';
import { CLASSIFIABLE_NETWORKS, type ClassifiableNetwork, type WeightsRequest } from './protocol.ts';
import { checkpointed } from './rebuild.ts';

/** The network a weights file fits (parsing is zero-copy, so checking it against each costs little). */
export async function identifyWeights(
  request: WeightsRequest,
  validate: (network: NetworkDefinition, bytes: Uint8Array<ArrayBuffer>, fileName: string) => unknown,
): Promise<ClassifiableNetwork> {
  if (request.kind !== 'file') throw new InferenceFailure('weights', { code: 'weights.file-only', params: {} });
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await request.file.arrayBuffer());
  } catch (error) {
    throw new InferenceFailure(
      'weights',
      { code: 'weights.unreadable', params: { file: request.name, detail: (error as Error).message } },
      'unreadable',
    );
  }
  const problems: { message: string; detail: FailureDetail; problem?: WeightsFileProblem }[] = [];
  for (const network of CLASSIFIABLE_NETWORKS) {
    try {
      await validate(checkpointed(network), bytes, request.name);
      return network;
    } catch (error) {
      const message = (error as Error).message;
      if (!problems.some((p) => p.message === message)) {
        problems.push({
          message,
          detail: failureDetailOf(error),
          problem: (error as { problem?: WeightsFileProblem }).problem,
        });
      }
    }
  }
  // A problem of the file itself (a web page, a truncated file, NaN) is the same for every network: say it once.
  const ofFile = problems.find((p) => p.problem && FILE_LEVEL_PROBLEMS.has(p.problem));
  if (ofFile) throw new InferenceFailure('weights', ofFile.detail, ofFile.problem);
  throw new InferenceFailure(
    'weights',
    { code: 'weights.fits-neither', params: { file: request.name, causes: problems.map((p) => p.detail) } },
    problems[0]?.problem,
  );
}
