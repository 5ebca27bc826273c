import { describe, expect, it } from 'vitest';
import { cifarBatch, cifarFiles, labelOf, META_TEXT, pixelOf } from '../../../testing/cifar10-files.ts';
import {
  Cifar10Collector,
  CIFAR10_CLASSES,
  decodeCifar10Batch,
  otherCifarVersion,
  parseBatchesMeta,
} from './cifar10-format.ts';
import { DataError } from './labelled-images.ts';

const messageOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as Error).message;
  }
  throw new Error('expected a DataError');
};

describe('decodeCifar10Batch', () => {
  it('turns one hand-made record (R, G, B planes) into an interleaved 32×32 image', () => {
    const record = new Uint8Array(3073);
    record[0] = 7;
    // Pixel x = 5, y = 2 (index 69 in each plane): R 10, G 20, B 30; the last pixel: R 1, G 2, B 3.
    record[1 + 69] = 10;
    record[1 + 1024 + 69] = 20;
    record[1 + 2048 + 69] = 30;
    record[1 + 1023] = 1;
    record[1 + 1024 + 1023] = 2;
    record[1 + 2048 + 1023] = 3;
    const { images, labels, count } = decodeCifar10Batch(record, 'one.bin');
    expect(count).toBe(1);
    expect([...labels]).toEqual([7]);
    expect([...images.subarray((2 * 32 + 5) * 3, (2 * 32 + 5) * 3 + 3)]).toEqual([10, 20, 30]);
    expect([...images.subarray(3069)]).toEqual([1, 2, 3]);
    expect(images.reduce((sum, v) => sum + v, 0)).toBe(66);
  });

  it('decodes every record of a generated batch', () => {
    const { images, labels, count } = decodeCifar10Batch(cifarBatch(2, 25), 'data_batch_3.bin');
    expect(count).toBe(25);
    for (let r = 0; r < 25; r++) {
      expect(labels[r]).toBe(labelOf(2, r));
      for (let p = 0; p < 1024; p += 97) {
        for (let c = 0; c < 3; c++) expect(images[(r * 1024 + p) * 3 + c]).toBe(pixelOf(2, r, c, p));
      }
    }
  });

  it('says which record is cut short when the size is not whole records', () => {
    const message = messageOf(() => decodeCifar10Batch(cifarBatch(0, 3).subarray(0, 3073 * 3 - 5), 'data_batch_1.bin'));
    expect(message).toMatch(/^data_batch_1\.bin is 9214 bytes, not a whole number of 3073-byte records/);
    expect(message).toMatch(/record 3 stops after 3068 of its 3073 bytes/);
    expect(message).toMatch(/download cifar-10-binary\.tar\.gz again/);
  });

  it('refuses a label above 9, naming the record', () => {
    const bytes = cifarBatch(0, 3);
    bytes[3073] = 12;
    const message = messageOf(() => decodeCifar10Batch(bytes, 'test_batch.bin'));
    expect(message).toMatch(/^test_batch\.bin: record 2 of 3 has label 12, but CIFAR-10's labels are 0–9/);
    expect(message).toMatch(/use the CIFAR-10 binary version, cifar-10-binary\.tar\.gz/);
  });

  it('refuses an empty file', () => {
    const message = messageOf(() => decodeCifar10Batch(new Uint8Array(0), 'data_batch_2.bin'));
    expect(message).toBe('data_batch_2.bin is empty: extract cifar-10-binary.tar.gz again');
  });
});

describe('batches.meta.txt', () => {
  it('gives the ten class names, ignoring blank lines and CRLF', () => {
    expect(parseBatchesMeta(META_TEXT, 'm')).toEqual(CIFAR10_CLASSES);
    expect(parseBatchesMeta(META_TEXT.replace(/\n/g, '\r\n'), 'm')).toEqual(CIFAR10_CLASSES);
  });

  it('refuses a list that is not ten names', () => {
    expect(messageOf(() => parseBatchesMeta('a\nb\n', 'batches.meta.txt'))).toMatch(
      /^batches\.meta\.txt lists 2 class name\(s\), but CIFAR-10 has 10/,
    );
  });
});

describe('otherCifarVersion', () => {
  it('names the Python and MATLAB versions and CIFAR-100, and says what to use', () => {
    expect(otherCifarVersion(['cifar-10-batches-py/', 'cifar-10-batches-py/data_batch_1'], 'x.tar.gz')).toMatch(
      /^x\.tar\.gz is the Python version of CIFAR-10 \(cifar-10-python\.tar\.gz.*use the CIFAR-10 binary/,
    );
    expect(otherCifarVersion(['dir/data_batch_1'], 'dir')).toMatch(/Python version/);
    expect(otherCifarVersion(['cifar-10-batches-mat/data_batch_1.mat'], 'm')).toMatch(/MATLAB version/);
    expect(otherCifarVersion(['cifar-100-binary/train.bin'], 'c')).toMatch(/is CIFAR-100, not CIFAR-10/);
    const binary = ['cifar-10-batches-bin/data_batch_1.bin', 'cifar-10-batches-bin/readme.html'];
    expect(otherCifarVersion(binary, 'ok')).toBeUndefined();
  });
});

describe('Cifar10Collector', () => {
  const collect = (files: Map<string, Uint8Array>) => {
    const collector = new Cifar10Collector();
    for (const [name, bytes] of files) collector.add(`cifar-10-batches-bin/${name}`, bytes);
    return collector.finish('the folder');
  };

  it('puts the five training batches in order and keeps test_batch.bin apart', () => {
    const data = collect(cifarFiles({ recordsPerBatch: 4 }));
    expect(data.classes).toEqual(CIFAR10_CLASSES);
    expect(data.size).toBe(32);
    expect(data.train.count).toBe(20);
    expect(data.test.count).toBe(4);
    expect([...data.train.labels]).toEqual([0, 1, 2, 3, 4].flatMap((b) => [0, 1, 2, 3].map((r) => labelOf(b, r))));
    expect([...data.test.labels]).toEqual([0, 1, 2, 3].map((r) => labelOf(5, r)));
    // Image 13 of the training set is record 1 of data_batch_4.bin; pixel 300, green.
    expect(data.train.images[(13 * 1024 + 300) * 3 + 1]).toBe(pixelOf(3, 1, 1, 300));
    const names = ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch'];
    expect(data.warnings).toEqual(names.map((n) => `${n}.bin has 4 records (the official batches have 10000)`));
  });

  it('names every missing batch', () => {
    const files = cifarFiles({ recordsPerBatch: 1, omit: ['data_batch_4.bin', 'test_batch.bin'] });
    expect(messageOf(() => collect(files))).toMatch(
      /^the folder lacks data_batch_4\.bin, test_batch\.bin: the CIFAR-10 binary version has data_/,
    );
  });

  it('uses the official class names without batches.meta.txt, and says so', () => {
    const data = collect(cifarFiles({ recordsPerBatch: 1, noMeta: true }));
    expect(data.classes).toEqual(CIFAR10_CLASSES);
    expect(data.warnings.at(-1)).toBe("no batches.meta.txt: CIFAR-10's class names are used (airplane … truck)");
  });

  it('wants only the batches and the class names', () => {
    expect(
      ['a/data_batch_5.bin', 'test_batch.bin', 'batches.meta.txt', 'readme.html', 'data_batch_6.bin'].map((p) =>
        Cifar10Collector.wants(p),
      ),
    ).toEqual([true, true, true, false, false]);
  });
});
