import { describe, expect, it } from 'vitest';
import { deliverFiles, receiveFiles } from './inbox.ts';

const file = (name: string) => new File(['x'], name);

describe('inbox', () => {
  it('keeps files dropped before the page subscribes, then passes later ones straight on', () => {
    deliverFiles([file('a.jpg'), file('b.jpg')]);
    const received: string[][] = [];
    const stop = receiveFiles((files) => received.push(files.map((f) => f.name)));
    deliverFiles([file('c.jpg')]);
    stop();
    deliverFiles([file('d.jpg')]);
    expect(received).toEqual([['a.jpg', 'b.jpg'], ['c.jpg']]);
    const late: string[] = [];
    receiveFiles((files) => late.push(...files.map((f) => f.name)))();
    expect(late).toEqual(['d.jpg']);
  });
});
