import { describe, expect, it } from 'vitest';
import { IMAGENET_LABELS } from '../labels.ts';
import { datasetFingerprint, DatasetError, labelDataset } from './dataset.ts';
import { LocCsvError, parseLocValSolution } from './loc-csv.ts';
import { englishFailure } from '../failure-words.ts';
import { classOfWnid, IMAGENET_SYNSETS, wnidOfClass } from './synsets.ts';

const files = (...paths: string[]) => paths.map((path) => ({ path }));

describe('ImageNet WordNet IDs', () => {
  it("lists the 1000 classes in the checkpoints' order", () => {
    expect(IMAGENET_SYNSETS).toHaveLength(1000);
    expect(new Set(IMAGENET_SYNSETS).size).toBe(1000);
    expect(IMAGENET_SYNSETS.every((id) => /^n\d{8}$/.test(id))).toBe(true);
    // Spot checks against the class names of the same order.
    expect([wnidOfClass(0), IMAGENET_LABELS[0]]).toEqual(['n01440764', 'tench, Tinca tinca']);
    expect([wnidOfClass(281), IMAGENET_LABELS[281]]).toEqual(['n02123045', 'tabby, tabby cat']);
    expect([wnidOfClass(999), IMAGENET_LABELS[999].split(', ')[0]]).toEqual(['n15075141', 'toilet tissue']);
    expect(classOfWnid('n02123045')).toBe(281);
    expect(classOfWnid('n99999999')).toBeUndefined();
    expect(() => wnidOfClass(1000)).toThrow(RangeError);
  });
});

describe('folder layout (one folder per class by WordNet ID)', () => {
  it('labels images by their folder and orders them like the validation set', () => {
    const dataset = labelDataset(
      files(
        'val/n02123045/ILSVRC2012_val_00000003.JPEG',
        'val/n01440764/ILSVRC2012_val_00000293.JPEG',
        'val/n01440764/ILSVRC2012_val_00002138.JPEG',
        'val/n02123045/ILSVRC2012_val_00000001.jpeg',
        'val/.DS_Store',
        'val/n01440764/notes.txt',
      ),
    );
    expect(dataset.layout).toBe('folders');
    expect(dataset.images).toEqual([
      { path: 'val/n02123045/ILSVRC2012_val_00000001.jpeg', label: 281 },
      { path: 'val/n02123045/ILSVRC2012_val_00000003.JPEG', label: 281 },
      { path: 'val/n01440764/ILSVRC2012_val_00000293.JPEG', label: 0 },
      { path: 'val/n01440764/ILSVRC2012_val_00002138.JPEG', label: 0 },
    ]);
    expect(dataset.classes).toBe(2);
    expect(dataset.otherFiles).toBe(2);
    expect(dataset.leftOut).toEqual([]);
  });

  it('leaves out, and lists, a folder with a wrong WordNet ID and images outside class folders', () => {
    const dataset = labelDataset(
      files('set/n01440764/a.jpg', 'set/n99999999/b.jpg', 'set/n99999999/c.png', 'set/cats/d.jpg', 'e.jpg'),
    );
    expect(dataset.images.map((i) => i.path)).toEqual(['set/n01440764/a.jpg']);
    expect(dataset.leftOut).toEqual([
      {
        reason:
          'folder "n99999999" is not one of the 1000 ImageNet-1k classes (check the WordNet ID: ImageNet-21k IDs are not in these networks)',
        paths: ['set/n99999999/b.jpg', 'set/n99999999/c.png'],
      },
      { reason: 'not in a folder named by WordNet ID (like n01440764/): "cats"', paths: ['set/cats/d.jpg'] },
      { reason: 'not in a folder named by WordNet ID (like n01440764/)', paths: ['e.jpg'] },
    ]);
  });

  it('says what to do when nothing can be labelled', () => {
    expect(() => labelDataset(files('holiday/a.jpg', 'holiday/b.jpg'))).toThrow(DatasetError);
    expect(() => labelDataset(files('holiday/a.jpg', 'holiday/b.jpg'))).toThrow(
      /none of the 2 image\(s\) could be labelled \(2 not in a folder named by WordNet ID .*\): lay the folder out one subfolder per class named by WordNet ID/,
    );
    expect(() => labelDataset(files('x/readme.md'))).toThrow('no images among the 1 file(s)');
  });
});

const CSV = [
  'ImageId,PredictionString',
  'ILSVRC2012_val_00008726,n02119789 255 142 454 329 n02119789 44 21 322 295 ',
  'ILSVRC2012_val_00000001,n01751748 0 0 10 10',
  'ILSVRC2012_val_00000002,n99999999 1 1 2 2',
  'garbage line',
  '',
].join('\r\n');

describe('LOC_val_solution.csv layout', () => {
  it('reads the first WordNet ID of each row, and reports lines it cannot read', () => {
    const parsed = parseLocValSolution(`\uFEFF${CSV}`);
    expect([...parsed.byImage]).toEqual([
      ['ILSVRC2012_val_00008726', 'n02119789'],
      ['ILSVRC2012_val_00000001', 'n01751748'],
      ['ILSVRC2012_val_00000002', 'n99999999'],
    ]);
    expect(parsed.badLines.map((b) => [b.line, englishFailure(b.problem)])).toEqual([
      [5, 'expected "ImageId,WordNetID x y x y …", got "garbage line"'],
    ]);
  });

  it('labels images by file name, anywhere in the folder, and lists what it cannot label', () => {
    const dataset = labelDataset(
      files(
        'val/LOC_val_solution.csv',
        'val/images/ILSVRC2012_val_00008726.JPEG',
        'val/images/ILSVRC2012_val_00000001.JPEG',
        'val/images/ILSVRC2012_val_00000002.JPEG',
        'val/images/ILSVRC2012_val_00000004.JPEG',
      ),
      CSV,
    );
    expect(dataset.layout).toBe('csv');
    expect(dataset.images).toEqual([
      { path: 'val/images/ILSVRC2012_val_00000001.JPEG', label: classOfWnid('n01751748') },
      { path: 'val/images/ILSVRC2012_val_00008726.JPEG', label: classOfWnid('n02119789') },
    ]);
    expect(dataset.leftOut).toEqual([
      {
        reason: 'LOC_val_solution.csv gives "n99999999", which is not one of the 1000 ImageNet-1k classes',
        paths: ['val/images/ILSVRC2012_val_00000002.JPEG'],
      },
      { reason: 'not listed in LOC_val_solution.csv', paths: ['val/images/ILSVRC2012_val_00000004.JPEG'] },
    ]);
    expect(dataset.warnings).toEqual([
      'LOC_val_solution.csv line 5: expected "ImageId,WordNetID x y x y …", got "garbage line"',
    ]);
    expect(dataset.otherFiles).toBe(0);
  });

  it('refuses a file that is not LOC_val_solution.csv, naming it', () => {
    expect(() => parseLocValSolution('id,label\n1,2', 'mine/LOC_val_solution.csv')).toThrow(LocCsvError);
    expect(() => parseLocValSolution('id,label\n1,2', 'mine/LOC_val_solution.csv')).toThrow(
      'mine/LOC_val_solution.csv: the first line must be "ImageId,PredictionString"',
    );
    expect(() => parseLocValSolution('ImageId,PredictionString\nx,y')).toThrow(
      'no labelled image in the file (line 2: expected',
    );
    expect(() => labelDataset(files('LOC_val_solution.csv', 'ILSVRC2012_val_00000009.JPEG'), CSV)).toThrow(
      /none of the 1 image\(s\) could be labelled from LOC_val_solution.csv/,
    );
  });
});

describe('dataset fingerprint', () => {
  it('is the same for the same set and differs when a path or label changes', async () => {
    const a = labelDataset(files('n01440764/a.jpg', 'n02123045/b.jpg'));
    const b = labelDataset(files('n02123045/b.jpg', 'n01440764/a.jpg'));
    const c = labelDataset(files('n01440764/a.jpg', 'n02123045/c.jpg'));
    expect(await datasetFingerprint(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(await datasetFingerprint(a)).toBe(await datasetFingerprint(b));
    expect(await datasetFingerprint(a)).not.toBe(await datasetFingerprint(c));
  });
});
