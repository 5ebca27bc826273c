/** Softmax in float64 with the maximum subtracted (no overflow for logits in the tens). Pure: no TF.js. */
export function softmax(logits: ArrayLike<number>): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const exp = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += exp[i] = Math.exp(logits[i] - max);
  return Float32Array.from(exp, (v) => v / sum);
}
