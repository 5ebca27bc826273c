import { viewTitle } from './view-title.ts';
import { lazy, Suspense, useCallback, useMemo, useRef, type ReactNode } from 'react';
import { expandAll, layoutBlock, layoutNetwork, nodeOf } from '../../layout/index.ts';
import type { Layout } from '../../layout/types.ts';
import { trainedNetworkId } from '../../model/trained.ts';
import type { InferenceNetwork, NetworkDefinition } from '../../model/types.ts';
import type { DiagramProps } from '../diagram/props.ts';
import { overridesOf, residualGroups, scalesKey, withResidualScales } from '../../model/analysis/residual-groups.ts';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { searchNodes, stepMatch } from '../../model/analysis/search.ts';
import { Diagram } from '../diagram/Diagram.tsx';
import {
  blockHref,
  HOME,
  networkHref,
  placeBlockHref,
  placeHref,
  type NetworkPlace,
  type ViewOptions,
} from '../routes.ts';
import { explorerText } from '../i18n/explorer.ts';
import { useMessages } from '../i18n/messages.ts';
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

/**
 * Looking inside with a photo (thumbnails, the inside panel) arrives in its own chunk, with the inference
 * worker, only when a photo is attached: the explorer alone never loads TensorFlow.js.
 */
const InsideDiagram = lazy(() => import('../inside/InsideDiagram.tsx').then((m) => ({ default: m.InsideDiagram })));
const InsidePanel = lazy(() => import('../inside/InsidePanel.tsx').then((m) => ({ default: m.InsidePanel })));

/** Side of a box's activation thumbnail with a photo attached (px at zoom 1). */
const THUMBNAIL = 30;

/** The networks a photo can be looked at with: released, with pretrained weights, or trained in this browser. */
function insideNetworkOf(network: NetworkDefinition, place: NetworkPlace): InferenceNetwork | undefined {
  if (place.trained) return trainedNetworkId(place.trained);
  if (!network.checkpoint) return undefined;
  return network.id === 'inception-v4' || network.id === 'inception-resnet-v2' ? network.id : undefined;
}

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
  const t = useMessages(explorerText);
  const { here, title } = viewTitle(view, t);
  useDocumentTitle(block ? `${block.node.name ?? stage?.address} · ${network.title}` : here);

  const allExpandable = useMemo(() => expandAll(analysis), [analysis]);
  const expandKey = options.expand === 'all' ? 'all' : (options.expand ?? []).join(',');
  const expansion = useMemo<ReadonlySet<string>>(
    () => (expandKey === 'all' ? allExpandable : new Set(expandKey.split(',').filter(Boolean))),
    [expandKey, allExpandable],
  );
  const insideNetwork = insideNetworkOf(network, view.place);
  const photo = insideNetwork ? options.photo : undefined;
  /** A second photo compared with the first (its thumbnails beside the first's). */
  const compare = photo ? options.compare : undefined;
  // Residual scales as the URL asks, keeping only groups that differ from the released network.
  const scaleKey = scalesKey(options.scale ?? {});
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `scaleKey` stands for `options.scale`
  const scales = useMemo(() => overridesOf(options.scale, residualGroups(analysis)), [scaleKey, analysis]);
  // The diagram draws the scales the lab runs ("×0" when a group is switched off); addresses are unchanged.
  const drawn = useMemo(
    () => (Object.keys(scales).length > 0 ? analyzeNetwork(withResidualScales(analysis, scales)) : analysis),
    [analysis, scales],
  );
  const layout: Layout = useMemo(() => {
    const room = photo ? { thumbnail: THUMBNAIL, ...(compare ? { thumbnails: 2 } : {}) } : {};
    return block ? layoutBlock(drawn, block.address, room) : layoutNetwork(drawn, expansion, room);
  }, [drawn, block, expansion, photo, compare]);
  const index = useMemo(() => indexBoxes(layout), [layout]);

  const query = options.q ?? '';
  const roots = useMemo(() => (block ? [block] : analysis.stages), [block, analysis]);
  const matches = useMemo(() => searchNodes(roots, query).matches, [roots, query]);
  const current = selected ? matches.findIndex((m) => m.address === selected.address) : -1;
  const highlighted = useMemo(
    () =>
      highlightBoxes(
        index,
        matches.map((m) => m.address),
      ),
    [index, matches],
  );

  const problems = useMemo(() => {
    const list = [...analysis.byAddress.values()].flatMap((n) => n.problems);
    return problemBoxes(index, list);
  }, [analysis, index]);

  // A trained network's definition is not its preset's (its width, repeats and classes are the file's):
  // the preset's diff would describe another network, so it has none.
  const diff = useDiff(network, options.diff === true && !view.place.trained, index, stage?.address);
  const selectedBox = selected ? visibleBoxFor(index, selected.address)?.address : undefined;
  const diffMarks = diff ? { diff: diff.boxes, ...(diff.against ? { diffAgainst: diff.against } : {}) } : {};

  const select = useCallback(
    (boxAddress: string) => {
      const node = index.byAddress.get(boxAddress)?.node ?? nodeOf(boxAddress);
      if (!analysis.byAddress.has(node)) return;
      update({ node, channel: undefined }, { replace: true });
    },
    [index, analysis, update],
  );

  /** Selecting from the side panel (a difference, a problem): reveal it in a schema. */
  const selectNode = useCallback(
    (node: string) => {
      if (block) {
        update({ node }, { replace: true });
        return;
      }
      const opened = revealIn(expansion, node, (e) => layoutNetwork(analysis, e));
      update({ node, expand: expansionParam(opened, allExpandable) }, { replace: true });
    },
    [block, expansion, analysis, allExpandable, update],
  );

  const toggle = useCallback(
    (boxAddress: string) => {
      const node = index.byAddress.get(boxAddress)?.node ?? nodeOf(boxAddress);
      const next = new Set(expansion);
      if (next.has(node)) {
        for (const a of next) if (isWithin(a, node)) next.delete(a);
      } else {
        next.add(node);
      }
      update({ expand: expansionParam(next, allExpandable) }, { replace: true });
    },
    [index, expansion, allExpandable, update],
  );

  const open = useCallback(
    (boxAddress: string) => {
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
      update(
        { node: target.node, expand: undefined },
        { path: placeBlockHref(view.place, target.stage).split('?')[0] },
      );
    },
    [index, block, analysis, view.place, update, select],
  );

  const up = useCallback(() => {
    if (stage) update({ node: stage.address, q: undefined }, { path: placeHref(view.place) });
    else update({ node: undefined, q: undefined, diff: undefined, expand: undefined }, { path: HOME });
  }, [stage, view.place, update]);

  const step = useCallback(
    (direction: 1 | -1) => {
      const next = stepMatch(matches.length, current, direction);
      if (next < 0) return;
      selectNode(matches[next].address);
    },
    [matches, current, selectNode],
  );

  const pickPhoto = useCallback(
    (slot: string | undefined) => {
      // A photo runs on the released network: from the paper's view, move to the released one.
      if (slot && !insideNetwork && variant === 'paper') {
        update(
          { photo: slot, node: undefined, diff: undefined },
          {
            path: block && stage ? blockHref(id, 'released', stage.address).split('?')[0] : networkHref(id, 'released'),
          },
        );
      } else {
        const stop = slot ? {} : { compare: undefined };
        update({ photo: slot, scale: undefined, channel: undefined, ...stop }, { replace: true });
      }
    },
    [insideNetwork, variant, block, stage, id, update],
  );

  const diagramProps: DiagramProps = {
    layout,
    ariaLabel: block ? t.diagramLabel.block(title, here) : t.diagramLabel.network(title),
    ...(selectedBox ? { selected: selectedBox } : {}),
    highlighted,
    problems,
    ...diffMarks,
    onSelect: select,
    ...(block ? {} : { onToggle: toggle }),
    onOpen: open,
    onUp: up,
  };
  const insidePanel = photo && insideNetwork && (
    <Suspense
      fallback={
        <p className="inspector empty" role="status">
          {t.loading}
        </p>
      }
    >
      <InsidePanel
        analysis={analysis}
        network={insideNetwork}
        slot={photo}
        scales={scales}
        node={selected ?? block}
        channel={options.channel}
        onScales={(scale) => update({ scale: Object.keys(scale).length > 0 ? scale : undefined }, { replace: true })}
        onChannel={(channel) => update({ channel }, { replace: true })}
        onDetach={() =>
          update({ photo: undefined, compare: undefined, scale: undefined, channel: undefined }, { replace: true })
        }
        compare={compare}
        onCompare={(slot) => update({ compare: slot }, { replace: true })}
      />
    </Suspense>
  );
  return (
    <div className="explorer" data-view={block ? 'block' : 'network'} ref={root}>
      <div className="explorer-main">
        <Toolbar
          view={view}
          layout={layout}
          update={update}
          expanded={expansion.size > 0}
          allExpanded={expandKey === 'all'}
          search={{
            query,
            count: matches.length,
            current,
            onStep: step,
            onQuery: (q) => update({ q: q || undefined }, { replace: true }),
          }}
          marks={{ problems, ...diffMarks }}
          photo={{ slot: photo ?? (insideNetwork ? undefined : options.photo), onPick: pickPhoto }}
        />
        {notice}
        <div className="diagram-area">
          {photo && insideNetwork ? (
            <Suspense fallback={<Diagram {...diagramProps} />}>
              <InsideDiagram
                {...diagramProps}
                analysis={analysis}
                network={insideNetwork}
                slot={photo}
                scales={scales}
                compare={compare}
                {...(selected && options.channel !== undefined
                  ? { channel: { node: selected.address, channel: options.channel } }
                  : {})}
              />
            </Suspense>
          ) : (
            <Diagram {...diagramProps} />
          )}
        </div>
      </div>
      <BottomSheet title={selected ? nodeTitle(selected) : title}>
        <SidePanel view={view} diff={diff} onSelectNode={selectNode} inside={insidePanel || undefined} />
      </BottomSheet>
    </div>
  );
}
