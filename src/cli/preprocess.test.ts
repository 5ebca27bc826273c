import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { expected, fixturePath, sha256 } from '../testing/preprocess-fixtures.ts';
import { main } from './main.ts';
import { float32LittleEndian } from './preprocess.ts';
import { captureIo } from '../testing/cli/capture-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'preprocess-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** A fresh folder for one case's outputs, inside the file's one temp folder. */
const scratch = () => mkdtempSync(join(dir, 'case-'));

describe('inception-explorer preprocess', () => {
  it('writes the reference tensor as raw float32 NHWC, and the crop as PNG', async () => {
    const dir = scratch();
    const c = expected.pipeline.find((p) => p.file === 'portrait-375x500.png')!;
    for (const model of ['inception-v4', 'inception-resnet-v2']) {
      const io = captureIo();
      const out = join(dir, `${model}.f32`);
      const crop = join(dir, `${model}.png`);
      expect(await main(['preprocess', fixturePath(c.file), '--model', model, '--out', out, '--crop', crop], io)).toBe(
        0,
      );
      const bytes = new Uint8Array(readFileSync(out));
      expect(bytes.length).toBe(299 * 299 * 3 * 4);
      expect(sha256(bytes)).toBe(c.models[model].tensorSha256); // the fixture hashes little-endian float32
      const png = await sharp(crop).raw().toBuffer({ resolveWithObject: true });
      expect([png.info.width, png.info.height, png.info.channels]).toEqual([299, 299, 3]);
      expect(sha256(new Uint8Array(png.data))).toBe(c.models[model].cropSha256);
      const [left, top] = c.models[model].crop;
      expect(io.stdout).toContain(`375×500 → bicubic ${c.models[model].resized.join('×')}`);
      expect(io.stdout).toContain(`crop 299×299 at (${left}, ${top})`);
      expect(io.stdout).toContain(`sha256 ${c.models[model].tensorSha256}`);
    }
  });

  it('refuses paper-only and unknown models with the valid choices', async () => {
    const io = captureIo();
    expect(
      await main(
        [
          'preprocess',
          fixturePath('tiny-37x23.png'),
          '--model',
          'inception-resnet-v1',
          '--out',
          join(scratch(), 'x.f32'),
        ],
        io,
      ),
    ).toBe(2);
    expect(io.stderr).toContain(
      'model "inception-resnet-v1" exists only as the paper\'s network, with no pretrained checkpoint and so no preprocessing; valid models: inception-v4, inception-resnet-v2',
    );
    const small = captureIo();
    const args = [fixturePath('tiny-37x23.png'), '--model', 'inception-v4-s', '--out', join(scratch(), 'x.f32')];
    expect(await main(['preprocess', ...args], small)).toBe(2);
    expect(small.stderr).toContain('model "inception-v4-s" is a small network to train, with no pretrained checkpoint');
    const unknown = captureIo();
    expect(
      await main(
        ['preprocess', fixturePath('tiny-37x23.png'), '--model', 'resnet50', '--out', join(scratch(), 'x.f32')],
        unknown,
      ),
    ).toBe(2);
    expect(unknown.stderr).toContain('unknown model "resnet50"; valid models: inception-v4, inception-resnet-v2');
  });

  it('names the file when the image is bad, and exits non-zero', async () => {
    for (const [file, message] of [
      ['not-an-image.txt', 'not an image (it contains text)'],
      ['truncated.jpg', 'the JPEG data is truncated or corrupt'],
      ['missing.png', 'no such file'],
    ]) {
      const io = captureIo();
      expect(
        await main(['preprocess', fixturePath(file), '--model', 'inception-v4', '--out', join(scratch(), 'x.f32')], io),
      ).toBe(1);
      expect(io.stderr).toContain(`inception-explorer preprocess: ${fixturePath(file)}: ${message}`);
    }
  });

  it('checks its arguments', async () => {
    const cases: [string[], string][] = [
      [['--model', 'inception-v4', '--out', 'x.f32'], 'expected one image file, got 0'],
      [[fixturePath('tiny-37x23.png'), '--out', 'x.f32'], '--model and --out are required'],
      [
        [fixturePath('tiny-37x23.png'), '--model', 'inception-v4', '--out', '/nonexistent-dir/x.f32'],
        '--out /nonexistent-dir/x.f32: the folder /nonexistent-dir does not exist',
      ],
      [
        [
          fixturePath('tiny-37x23.png'),
          '--model',
          'inception-v4',
          '--out',
          join(scratch(), 'x.f32'),
          '--crop',
          'x.jpg',
        ],
        '--crop x.jpg: the file name must end in .png',
      ],
    ];
    for (const [args, message] of cases) {
      const io = captureIo();
      expect(await main(['preprocess', ...args], io)).not.toBe(0);
      expect(io.stderr).toContain(message);
    }
  });

  it('writes little-endian bytes', () => {
    expect(Array.from(float32LittleEndian(Float32Array.of(1, -2)))).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]);
  });

  it('runs as `npx inception-explorer preprocess`', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const out = join(scratch(), 'x.f32');
    const bad = spawnSync(
      'npx',
      [
        '--no-install',
        'inception-explorer',
        'preprocess',
        fixturePath('not-an-image.txt'),
        '--model',
        'inception-v4',
        '--out',
        out,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('not-an-image.txt: not an image');
    const good = spawnSync(
      'npx',
      [
        '--no-install',
        'inception-explorer',
        'preprocess',
        fixturePath('square-512.png'),
        '--model',
        'inception-resnet-v2',
        '--out',
        out,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(good.status).toBe(0);
    const c = expected.pipeline.find((p) => p.file === 'square-512.png')!;
    expect(sha256(new Uint8Array(readFileSync(out)))).toBe(c.models['inception-resnet-v2'].tensorSha256);
  });
});
