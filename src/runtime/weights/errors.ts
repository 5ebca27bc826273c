/** A weights file that cannot be used, with a message naming the file and the first bad tensor. */
export class WeightsFileError extends Error {
  override readonly name = 'WeightsFileError';

  constructor(
    /** The file as the user knows it ("model.safetensors of timm/inception_v4.tf_in1k", "my.safetensors"). */
    readonly fileName: string,
    message: string,
    /** The first tensor found wrong, where the problem is one tensor's. */
    readonly tensor?: string,
  ) {
    super(message);
  }
}
