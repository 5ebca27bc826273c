/**
 * Preprocessing off the main thread: a module worker that turns a photo into the network input and its
 * crop, e.g. to show the crop preview before any network is loaded (the inference worker does its own
 * preprocessing with the same functions). Message in: `PreprocessRequest`; out: `PreprocessReply`, with
 * the tensor and crop buffers transferred.
 */
import type { Preprocessing } from '../../model/types.ts';
import { preprocessImage, type ImageInput } from '../../runtime/preprocess/decode.browser.ts';

export interface PreprocessRequest {
  id: number;
  input: ImageInput;
  preprocessing: Preprocessing;
  name?: string;
}

export type PreprocessReply =
  | { id: number; ok: true; result: Awaited<ReturnType<typeof preprocessImage>> }
  | { id: number; ok: false; problem: string; message: string };

// The project compiles against the DOM library; these are the two worker-scope members used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PreprocessRequest>) => void) | null;
  postMessage(message: PreprocessReply, transfer?: Transferable[]): void;
};

scope.onmessage = async (event: MessageEvent<PreprocessRequest>) => {
  const { id, input, preprocessing, name } = event.data;
  try {
    const result = await preprocessImage(input, preprocessing, name);
    const reply: PreprocessReply = { id, ok: true, result };
    scope.postMessage(reply, [result.tensor.buffer, result.crop.data.buffer]);
  } catch (error) {
    const problem = error instanceof Error && 'problem' in error ? String(error.problem) : 'internal';
    const reply: PreprocessReply = {
      id,
      ok: false,
      problem,
      message: error instanceof Error ? error.message : String(error),
    };
    scope.postMessage(reply);
  }
};
