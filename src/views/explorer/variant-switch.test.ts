import { describe, expect, it } from 'vitest';
import { readViewOptions } from '../routes.ts';
import { resolveView, type ExplorerView } from './resolve.ts';
import { variantHref } from './variant-switch.ts';

function view(path: string): ExplorerView {
  const [route, query = ''] = path.split('?');
  const [network, variant, block] = route.slice(1).split('/');
  const resolved = resolveView({ network, variant, ...(block ? { block } : {}) }, readViewOptions(query));
  if (!resolved.ok) throw new Error(resolved.message);
  return resolved;
}

describe('variantHref (Paper / Released)', () => {
  it('keeps the selected node and expand=all, with diff mode and the search', () => {
    expect(variantHref(view('/inception-v4/released?node=inception-b&expand=all&diff&q=7x1'), 'paper')).toBe(
      '/inception-v4/paper?node=inception-b&diff&expand=all&q=7x1',
    );
    expect(
      variantHref(view('/inception-resnet-v2/released/inception-resnet-b?node=inception-resnet-b/0/0/0/1/1'), 'paper'),
    ).toBe('/inception-resnet-v2/paper/inception-resnet-b?node=inception-resnet-b/0/0/0/1/1');
  });

  it('finds a layer the other variant draws in another branch, and opened blocks that exist there', () => {
    // The released Inception-A concatenates its pooling branch last; the paper draws it first.
    const released = view('/inception-v4/released/inception-a?node=inception-a/0/3/0');
    expect(released.selected && released.selected.node.kind).toBe('avgpool');
    expect(variantHref(released, 'paper')).toBe('/inception-v4/paper/inception-a?node=inception-a/0/0/0');
    expect(
      variantHref(
        view('/inception-resnet-v2/released?expand=inception-resnet-b,inception-resnet-b/15,inception-resnet-b/3'),
        'paper',
      ),
    ).toBe('/inception-resnet-v2/paper?expand=inception-resnet-b,inception-resnet-b/3');
  });

  it('drops what the other variant lacks: a block becomes the network, a node its nearest ancestor there', () => {
    expect(variantHref(view('/inception-resnet-v2/released/mixed-5b?node=mixed-5b/1/0&diff'), 'paper')).toBe(
      '/inception-resnet-v2/paper?diff',
    );
    expect(variantHref(view('/inception-resnet-v2/released?node=inception-resnet-b/15/0/0/1/1'), 'paper')).toBe(
      '/inception-resnet-v2/paper?node=inception-resnet-b',
    );
  });
});
