import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../testing/cli/capture-io.ts';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'export-onnx-cli-'));
const weights = join(dir, 'v4.safetensors');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  expect(await main(['make-weights', '--model', 'inception-v4', '--out', weights], captureIo())).toBe(0);
});

describe('inception-explorer export-onnx', () => {
  it('writes a model onnxruntime opens, with the input and output it announces', async () => {
    const out = join(dir, 'v4.onnx');
    const io = captureIo();
    expect(await main(['export-onnx', '--model', 'inception-v4', '--weights', weights, '--out', out], io)).toBe(0);
    const mb = (statSync(out).size / 1e6).toFixed(1);
    expect(io.stdout).toContain(
      `wrote ${out}: Inception-v4 as ONNX (opset 17, input "input" NCHW [1, 3, 299, 299], output "logits" [1, 1000], batch norm folded), ${mb} MB`,
    );
    const session = await ort.InferenceSession.create(out);
    expect(session.inputNames).toEqual(['input']);
    expect(session.outputNames).toEqual(['logits']);
    await session.release();
  });

  it("says what is missing, and leaves no file when the weights are another network's", async () => {
    const usage = captureIo();
    expect(await main(['export-onnx', '--model', 'inception-v4'], usage)).toBe(2);
    expect(usage.stderr).toContain('--model, --weights and --out are required');

    const out = join(dir, 'wrong.onnx');
    const wrong = captureIo();
    expect(
      await main(['export-onnx', '--model', 'inception-resnet-v2', '--weights', weights, '--out', out], wrong),
    ).toBe(1);
    expect(wrong.stderr).toMatch(/inception-explorer export-onnx: .*v4\.safetensors/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);

    const none = captureIo();
    expect(
      await main(['export-onnx', '--model', 'inception-resnet-v1', '--weights', weights, '--out', out], none),
    ).toBe(2);
    expect(none.stderr).toContain('has no pretrained checkpoint');
  });

  it('refuses an existing directory as --out before any work, one line, nothing left behind (issue 16, item 5)', async () => {
    const folder = join(dir, 'existing');
    mkdirSync(folder);
    const io = captureIo();
    expect(await main(['export-onnx', '--model', 'inception-v4', '--weights', weights, '--out', folder], io)).toBe(1);
    expect(io.stderr).toBe(
      `inception-explorer export-onnx: --out ${folder}: it is a directory (give a file name inside it)\n`,
    );
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    expect(readdirSync(folder)).toEqual([]);
    const device = captureIo();
    expect(
      await main(['export-onnx', '--model', 'inception-v4', '--weights', weights, '--out', '/dev/full'], device),
    ).toBe(1);
    expect(device.stderr).toBe('inception-explorer export-onnx: --out /dev/full: it is a device, not a regular file\n');
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });
});
