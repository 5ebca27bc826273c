/**
 * What can be wrong with a trained network's file header (model/trained.ts reads it), as data, and its
 * English: the error's message, what the CLI prints. Imports nothing, so the runtime's failure words
 * (runtime/failure-words-trained.ts) and the views' Chinese word it without loading the analysis.
 */

/** A part of the header's metadata, each a JSON text. */
export type TrainedPart = 'network definition' | 'class names' | 'training record';

/** Why the network definition in a trained file cannot be used. */
export type TrainedDefinitionProblem =
  | { kind: 'incomplete' }
  | { kind: 'not-small'; id: string }
  | { kind: 'input'; input: string }
  | { kind: 'classes'; classes: number }
  | { kind: 'unreadable'; detail: string }
  | { kind: 'not-fitting'; problems: string };

export type TrainedHeaderProblem =
  | { kind: 'short'; bytes: number }
  | { kind: 'header-length'; length: number }
  | { kind: 'truncated'; length: number; bytes: number }
  | { kind: 'not-json' }
  | { kind: 'missing'; part: TrainedPart }
  | { kind: 'bad-json'; part: TrainedPart }
  | { kind: 'classes'; classes: number }
  | { kind: 'training' }
  /** The optimiser's record (in a file that continues a run) is not valid JSON. */
  | { kind: 'optimiser-json' }
  | { kind: 'definition'; why: TrainedDefinitionProblem };

const NOT_OURS =
  'it was not saved by a training run of Inception Explorer (train in the lab at /learn and export, ' +
  'or run `inception-explorer train --save`)';

function definitionText(why: TrainedDefinitionProblem): string {
  switch (why.kind) {
    case 'incomplete':
      return 'lacks its stages, input, classes or title';
    case 'not-small':
      return `is of "${why.id}", not one of the small networks the lab trains`;
    case 'input':
      return `has an input of ${why.input}, not a square RGB image of 8–512 pixels`;
    case 'classes':
      return `has ${why.classes} classes`;
    case 'unreadable':
      return `cannot be read (${why.detail})`;
    case 'not-fitting':
      return `does not fit together (${why.problems})`;
  }
}

/** The problem in English, naming the file. */
export function trainedHeaderText(file: string, problem: TrainedHeaderProblem): string {
  switch (problem.kind) {
    case 'short':
      return `${file} is not a safetensors file: it has ${problem.bytes} bytes, fewer than the 8 of the header length`;
    case 'header-length':
      return `${file} is not a safetensors file: its first 8 bytes give a header length of ${problem.length}`;
    case 'truncated':
      return (
        `${file} is truncated: its header needs ${problem.length} bytes but the file has only ` +
        `${problem.bytes} after the header length; export the network again`
      );
    case 'not-json':
      return `${file} is not a safetensors file: its header is not valid JSON`;
    case 'missing':
      return `${file} holds no ${problem.part}: ${NOT_OURS}`;
    case 'bad-json':
      return `${file}: the JSON of its ${problem.part} is not valid (the file is damaged; export the network again)`;
    case 'classes':
      return (
        `${file}: its class names are not a list of ${problem.classes} names, one per ` +
        'output of its network (the file is damaged; export the network again)'
      );
    case 'training':
      return (
        `${file}: its training record lacks the epoch, step, data set or settings ` +
        '(the file is damaged; export the network again)'
      );
    case 'optimiser-json':
      return `${file}: the JSON of its optimiser record is not valid`;
    case 'definition':
      return (
        `${file}: its network definition ${definitionText(problem.why)} (the file is damaged or was written by ` +
        'another program; export the network again)'
      );
  }
}
