import { useCallback, useMemo, useRef, type ReactNode } from 'react';
import { expandAll, layoutBlock, layoutNetwork, nodeOf } from '../../layout/index.ts';
import type { Layout } from '../../layout/types.ts';
import { searchNodes, stepMatch } from '../../model/analysis/search.ts';
import { Diagram } from '../diagram/Diagram.tsx';
import { blockHref, HOME, networkHref, type ViewOptions } from '../routes.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { useDiff } from './useDiff.ts';
import { useFocusHandoff } from './focus-handoff.ts';
import { highlightBoxes, indexBoxes, problemBoxes, revealIn, visibleBoxFor } from './marks.ts';
import { SidePanel } from './SidePanel.tsx';
import { BottomSheet } from './BottomSheet.tsx';
import { nodeTitle } from '../inspector/Inspector.tsx';
import { Toolbar } from './Toolbar.tsx';
import { blockViewOf, isWithin, type ExplorerView } from './resolve.ts';
import type { UpdateView } from './useViewOptions.ts';

export interface ExplorerProps {
  view: ExplorerView;
  update: UpdateView;
  /** Shown above the diagram (e.g. what a stale link asked for and did not get). */
  notice?: ReactNode;
}

function expansionParam(expansion: ReadonlySet<string>, all: ReadonlySet<string>): ViewOptions['expand'] {
  if (expansion.size > 0 && expansion.size >= all.size && [...all].every((a) => expansion.has(a))) return 'all';
  return [...expansion];
}

/** The network schema or one block: diagram, toolbar and inspector, all driven by the URL. */
export function Explorer({ view, update, notice }: ExplorerProps) {
  const { network, analysis, block, stage, selected, options } = view;
  const { id, variant } = network;
  const root = useRef<HTMLDivElement>(null);
  useFocusHandoff(root, { network: id, variant, block: stage?.address ?? '' });
  useDocumentTitle(block ? `${block.node.name ?? stage?.address} · ${network.title}` : `${network.title} (${variant})`);

  const allExpandable = useMemo(() => expandAll(analysis), [analysis]);
  const expandKey = options.expand === 'all' ? 'all' : (options.expand ?? []).join(',');
  const expansion = useMemo<ReadonlySet<string>>(
    () => (expandKey === 'all' ? allExpandable : new Set(expandKey.split(',').filter(Boolean))),
    [expandKey, allExpandable],
  );
  const layout: Layout = useMemo(
    () => (block ? layoutBlock(analysis, block.address) : layoutNetwork(analysis, expansion)),
    [analysis, block, expansion],
  );
  const index = useMemo(() => indexBoxes(layout), [layout]);

  const query = options.q ?? '';
  const roots = useMemo(() => (block ? [block] : analysis.stages), [block, analysis]);
  const matches = useMemo(() => searchNodes(roots, query).matches, [roots, query]);
  const current = selected ? matches.findIndex((m) => m.address === selected.address) : -1;
  const highlighted = useMemo(() => highlightBoxes(index, matches.map((m) => m.address)), [index, matches]);

  const problems = useMemo(() => {
    const list = [...analysis.byAddress.values()].flatMap((n) => n.problems);
    return problemBoxes(index, list);
  }, [analysis, index]);

  const diff = useDiff(network, options.diff === true, index, stage?.address);
  const selectedBox = selected ? visibleBoxFor(index, selected.address)?.address : undefined;

  const select = useCallback((boxAddress: string) => {
    const node = index.byAddress.get(boxAddress)?.node ?? nodeOf(boxAddress);
    if (!analysis.byAddress.has(node)) return;
    update({ node }, { replace: true });
  }, [index, analysis, update]);

  /** Selecting from the side panel (a difference, a problem): reveal it in a schema. */
  const selectNode = useCallback((node: string) => {
    if (block) {
      update({ node }, { replace: true });
      return;
    }
    const opened = revealIn(expansion, node, (e) => layoutNetwork(analysis, e));
    update({ node, expand: expansionParam(opened, allExpandable) }, { replace: true });
  }, [block, expansion, analysis, allExpandable, update]);

  const toggle = useCallback((boxAddress: string) => {
    const node = index.byAddress.get(boxAddress)?.node ?? nodeOf(boxAddress);
    const next = new Set(expansion);
    if (next.has(node)) {
      for (const a of next) if (isWithin(a, node)) next.delete(a);
    } else {
      next.add(node);
    }
    update({ expand: expansionParam(next, allExpandable) }, { replace: true });
  }, [index, expansion, allExpandable, update]);

  const open = useCallback((boxAddress: string) => {
    const node = index.byAddress.get(boxAddress)?.node ?? nodeOf(boxAddress);
    if (block || !analysis.byAddress.has(node)) {
      select(boxAddress);
      return;
    }
    const target = blockViewOf(analysis, node);
    if (!target) {
      select(boxAddress);
      return;
    }
    update({ node: target.node, expand: undefined }, { path: blockHref(id, variant, target.stage).split('?')[0] });
  }, [index, block, analysis, id, variant, update, select]);

  const up = useCallback(() => {
    if (stage) update({ node: stage.address, q: undefined }, { path: networkHref(id, variant) });
    else update({ node: undefined, q: undefined, diff: undefined, expand: undefined }, { path: HOME });
  }, [stage, id, variant, update]);

  const step = useCallback((direction: 1 | -1) => {
    const next = stepMatch(matches.length, current, direction);
    if (next < 0) return;
    selectNode(matches[next].address);
  }, [matches, current, selectNode]);

  const title = block ? layout.title : `${network.title} (${variant})`;
  return (
    <div className="explorer" data-view={block ? 'block' : 'network'} ref={root}>
      <div className="explorer-main">
        <Toolbar
          view={view}
          layout={layout}
          update={update}
          expanded={expansion.size > 0}
          allExpanded={expandKey === 'all'}
          search={{ query, count: matches.length, current, onStep: step, onQuery: (q) => update({ q: q || undefined }, { replace: true }) }}
          marks={{ problems, ...(diff ? { diff: diff.boxes } : {}) }}
        />
        {notice}
        <div className="diagram-area">
          <Diagram
            layout={layout}
            ariaLabel={block ? `${title} of ${network.title} (${variant})` : `Schema of ${title}`}
            selected={selectedBox}
            highlighted={highlighted}
            problems={problems}
            {...(diff ? { diff: diff.boxes } : {})}
            onSelect={select}
            onToggle={block ? undefined : toggle}
            onOpen={open}
            onUp={up}
          />
        </div>
      </div>
      <BottomSheet title={selected ? nodeTitle(selected) : title}>
        <SidePanel view={view} diff={diff} onSelectNode={selectNode} />
      </BottomSheet>
    </div>
  );
}
