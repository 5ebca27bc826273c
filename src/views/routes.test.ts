import { describe, expect, it } from 'vitest';
import { blockHref, networkHref, readViewOptions, searchString } from './routes.ts';

describe('routes', () => {
  it('builds network and block URLs with readable addresses', () => {
    expect(networkHref('inception-resnet-v2', 'released')).toBe('/inception-resnet-v2/released');
    expect(
      blockHref('inception-resnet-v2', 'paper', 'inception-resnet-b', { node: 'inception-resnet-b/0/0/0/1/1' }),
    ).toBe('/inception-resnet-v2/paper/inception-resnet-b?node=inception-resnet-b/0/0/0/1/1');
    expect(networkHref('inception-v4', 'paper', { diff: true, expand: ['stem', 'inception-a'], q: '7x1 conv' })).toBe(
      '/inception-v4/paper?diff&expand=stem,inception-a&q=7x1%20conv',
    );
    expect(networkHref('inception-v4', 'paper', { expand: 'all' })).toBe('/inception-v4/paper?expand=all');
  });

  it('reads back what it writes', () => {
    const options = {
      node: 'reduction-a/1/2',
      diff: true,
      expand: ['inception-resnet-b', 'inception-resnet-b/3'],
      q: '17×17',
    };
    expect(readViewOptions(searchString(options))).toEqual(options);
    expect(readViewOptions('expand=all')).toEqual({ expand: 'all' });
    expect(readViewOptions('')).toEqual({});
  });

  it('carries a second photo to compare with the first', () => {
    const query = searchString({ photo: 'p7x2', compare: 'q 9' });
    expect(query).toBe('photo=p7x2&compare=q%209');
    expect(readViewOptions(query)).toEqual({ photo: 'p7x2', compare: 'q 9' });
    expect(readViewOptions('compare=')).toEqual({});
  });

  it('carries the attached photo, residual scales and a chosen channel', () => {
    const options = { photo: 'p7x2', scale: { 'inception-resnet-a': 0.3, 'inception-resnet-b': 0 }, channel: 12 };
    const query = searchString(options);
    expect(query).toBe('photo=p7x2&scale=inception-resnet-a:0.3,inception-resnet-b:0&channel=12');
    expect(readViewOptions(query)).toEqual(options);
    // A channel is kept as read too (the view knows the selected box's channels): resolve.ts checks it.
    expect(readViewOptions('channel=-1&photo=')).toEqual({ channel: -1 });
    expect(readViewOptions('channel=x')).toEqual({ channel: Number.NaN });
    expect(readViewOptions('channel=')).toEqual({});
    // Scales are kept as read, for the view that knows the network's groups to say what it ignores.
    expect(readViewOptions('scale=inception-resnet-a:x,:1,b:,__proto__:1,c:1e300')).toEqual({
      scale: { 'inception-resnet-a': Number.NaN, b: Number.NaN, ':1': Number.NaN, ['__proto__']: 1, c: 1e300 },
    });
  });

  it('treats diff=0 and empty values as absent', () => {
    expect(readViewOptions('diff=0&node=&expand=&q=')).toEqual({});
    expect(readViewOptions('diff=1')).toEqual({ diff: true });
  });
});
