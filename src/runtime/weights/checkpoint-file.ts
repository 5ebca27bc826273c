/**
 * A checkpoint file checked for one network from end to end, as the worker and the CLI use it: the
 * safetensors format, the fit (names and shapes, `assertWeights`), and finite values (a file with NaN or
 * ±Infinity would classify every photo as garbage, silently). A truncated file is said to be the
 * checkpoint it is closest to, with how much of it is missing.
 */
import type { NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { assertWeights, closestCheckpoint } from './check-weights.ts';
import { WeightsFileError } from './errors.ts';
import { parseSafetensors, readSafetensorsHeader, type SafetensorsFile } from './safetensors.ts';
import type { TensorSource } from './types.ts';

export interface ReadCheckpointOptions {
  /**
   * The values were found finite before (a cached copy whose SHA-256 still matches the stored one: only
   * checked bytes are stored): the scan of every value is skipped, 40 ms of Inception-v4's cold start.
   */
  valuesChecked?: boolean;
}

export function readCheckpointFile(
  bytes: Uint8Array,
  fileName: string,
  analysis: NetworkAnalysis,
  { valuesChecked = false }: ReadCheckpointOptions = {},
): SafetensorsFile {
  let file: SafetensorsFile;
  try {
    file = parseSafetensors(bytes, fileName);
  } catch (error) {
    if (error instanceof WeightsFileError && error.problem === 'truncated') throw explainTruncation(error, bytes);
    throw error;
  }
  assertWeights(analysis, file, fileName);
  if (!valuesChecked) assertFinite(file, fileName);
  return file;
}

/** Throws naming the first tensor holding NaN or ±Infinity, and where. */
export function assertFinite(source: TensorSource, fileName: string): void {
  for (const name of source.names()) {
    const data = source.get(name)?.data;
    if (!data) continue;
    for (let i = 0; i < data.length; i++) {
      const value = data[i];
      // value − value is 0 for every finite number and NaN for NaN and ±Infinity: one test, no calls.
      if (value - value !== 0) {
        throw new WeightsFileError(
          fileName,
          { code: 'weights.non-finite', params: { file: fileName, tensor: name, value: String(value), index: i } },
          name,
          'non-finite',
        );
      }
    }
  }
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** "… is truncated: it is the Inception-v4 checkpoint (…) cut short: …". */
function explainTruncation(error: WeightsFileError, bytes: Uint8Array): WeightsFileError {
  const header = readSafetensorsHeader(bytes);
  const closest = header && closestCheckpoint(header.entries.map((e) => e.name));
  if (!header || !closest) return error;
  const described = header.entries.reduce((end, e) => Math.max(end, e.end), 0);
  const cut = header.entries.filter((e) => e.end > header.dataLength).sort((a, b) => a.begin - b.begin);
  const first = cut[0];
  if (!first) return error;
  return new WeightsFileError(
    error.fileName,
    {
      code: 'weights.truncated-checkpoint',
      params: {
        file: error.fileName,
        network: closest.network.title,
        listed: closest.count,
        expected: closest.expected,
        heldMb: megabytes(header.dataLength),
        describedMb: megabytes(described),
        cut: cut.length,
        first: first.name,
      },
    },
    first.name,
    'truncated',
  );
}
