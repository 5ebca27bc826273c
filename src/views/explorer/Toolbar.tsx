import { viewTitle } from './view-title.ts';
import { useId, useState } from 'react';
import { Link } from 'wouter';
import type { Layout } from '../../layout/types.ts';
import { comparisonOf } from '../../model/networks/comparison.ts';
import { variantsOf } from '../../model/networks/index.ts';
import type { DiagramMarks } from '../diagram/props.ts';
import { downloadBlob, exportFileName, pngSize, svgBlob, svgToPng } from '../export/export.ts';
import { HOME, placeHref } from '../routes.ts';
import { explorerText } from '../i18n/explorer.ts';
import { useMessages } from '../i18n/messages.ts';
import { useTheme } from '../shell/useTheme.ts';
import type { ExplorerView } from './resolve.ts';
import { SearchBox, type SearchBoxProps } from './SearchBox.tsx';
import { PhotoPicker } from '../photos/PhotoPicker.tsx';
import { NETWORKS } from '../../model/networks/index.ts';
import type { UpdateView } from './useViewOptions.ts';
import { comparisonLabel } from './useDiff.ts';
import { variantHref } from './variant-switch.ts';

export interface ToolbarProps {
  view: ExplorerView;
  layout: Layout;
  update: UpdateView;
  /** Network view: whether anything / everything is opened. */
  expanded: boolean;
  allExpanded: boolean;
  search: Omit<SearchBoxProps, 'scope'>;
  /** Marks kept in exported files (problems, diff; not the selection or search). */
  marks: DiagramMarks;
  /** The attached photo, and attaching another (or none). */
  photo: { slot: string | undefined; onPick: (slot: string | undefined) => void };
}

/**
 * Where the view is, and what can be done with it, in two rows that keep their order for every network:
 * the breadcrumbs with the view's name as its heading, then the variant and diff mode; below, expansion,
 * search and export. A network with one variant shows the switch with the other side disabled, so that
 * nothing moves between networks. On a phone the controls fold away behind a "Tools" button.
 */
export function Toolbar({ view, layout, update, expanded, allExpanded, search, marks, photo }: ToolbarProps) {
  const { network, block, stage, options } = view;
  const { id, variant } = network;
  const trained = view.place.trained !== undefined;
  // A trained network has one form, its file's, and no diff (its preset's would describe another network).
  const variants = trained ? [] : variantsOf(id);
  const t = useMessages(explorerText);
  // What the diff compares the network with: its other form, or the network it is derived from.
  const comparison = trained ? undefined : comparisonOf(id);
  const versus = trained ? undefined : comparisonLabel(id, t);
  const diffTitle = trained
    ? t.trainedNoDiff(network.title)
    : !comparison
      ? t.noReleased(network.title)
      : comparison.kind === 'derived'
        ? t.markDerived(comparison.from.title)
        : t.markDiff;
  // One form only: the paper's (Inception-ResNet-v1), derived from the released code (the small networks),
  // or a trained network's file.
  const onlyOne = trained
    ? t.trainedOneForm(network.title)
    : variants.includes('paper')
      ? t.onlyPaper(network.title)
      : t.onlyDerived(network.title);
  const { here, title } = viewTitle(view, t);
  const [open, setOpen] = useState(false);
  const toolsId = useId();

  return (
    <div className="toolbar" data-open={open ? '' : undefined}>
      <nav aria-label={t.breadcrumbs} className="toolbar-crumbs">
        <ol className="breadcrumbs">
          <li>
            <Link href={HOME}>{t.networks}</Link>
          </li>
          {block && stage && (
            <li>
              <Link href={placeHref(view.place, options.diff ? { diff: true } : {})}>{here}</Link>
            </li>
          )}
          <li aria-current="page">
            <h1 className="view-heading">{title}</h1>
          </li>
        </ol>
      </nav>
      <button
        type="button"
        className="toolbar-toggle"
        aria-expanded={open}
        aria-controls={toolsId}
        onClick={() => setOpen(!open)}
      >
        {t.tools}
      </button>
      <div className="toolbar-tools" id={toolsId}>
        <div className="toolbar-row toolbar-view">
          <nav className="segmented variant-switch" aria-label={t.variant}>
            {(['paper', 'released'] as const).map((v) =>
              variants.includes(v) ? (
                <Link key={v} href={variantHref(view, v)} aria-current={v === variant ? 'page' : undefined}>
                  {t.variantName[v]}
                </Link>
              ) : (
                <a key={v} role="link" aria-disabled="true" title={onlyOne}>
                  {t.variantName[v]}
                </a>
              ),
            )}
          </nav>
          <button
            type="button"
            aria-pressed={options.diff === true}
            disabled={!comparison}
            onClick={() => update({ diff: !options.diff })}
            title={diffTitle}
          >
            {versus ?? t.paperVsReleased}
          </button>
          <PhotoPicker
            slot={photo.slot}
            onPick={photo.onPick}
            {...(NETWORKS[id].released?.checkpoint ? {} : { unavailable: t.noWeightsInside(network.title) })}
          />
        </div>
        <div className="toolbar-row toolbar-actions">
          {!block && (
            <span className="toolbar-group">
              <button
                type="button"
                disabled={allExpanded}
                onClick={() => update({ expand: 'all' })}
                title={t.expandAllTitle}
              >
                {t.expandAll}
              </button>
              <button
                type="button"
                disabled={!expanded}
                onClick={() => update({ expand: undefined })}
                title={t.collapseAllTitle}
              >
                {t.collapseAll}
              </button>
            </span>
          )}
          <SearchBox {...search} scope={t.searchIn(title)} />
          <ExportButtons
            layout={layout}
            marks={marks}
            name={[id, variant, block ? (stage?.address ?? '') : allExpanded ? 'expanded' : '']}
          />
        </div>
      </div>
    </div>
  );
}

function ExportButtons({ layout, marks, name }: { layout: Layout; marks: DiagramMarks; name: string[] }) {
  const { theme } = useTheme();
  const t = useMessages(explorerText);
  // Why the export failed (the error's own words), worded with the words in force when shown.
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = async (format: 'svg' | 'png') => {
    setError(undefined);
    setBusy(true);
    try {
      // The standalone renderer arrives with the first export, not with the page.
      const { renderDiagramSvg } = await import('../diagram/render-svg.ts');
      const fileName = exportFileName(name, format);
      if (format === 'svg') {
        downloadBlob(svgBlob(renderDiagramSvg(layout, { ...marks, theme })), fileName);
      } else {
        const size = pngSize(layout.width, layout.height);
        const svg = renderDiagramSvg(layout, { ...marks, theme, scale: size.scale });
        downloadBlob(await svgToPng(svg, size), fileName);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="toolbar-group" role="group" aria-label={t.export}>
      <button type="button" disabled={busy} onClick={() => void run('svg')} title={t.exportSvgTitle}>
        {t.exportSvg}
      </button>
      <button type="button" disabled={busy} onClick={() => void run('png')} title={t.exportPngTitle}>
        {t.exportPng}
      </button>
      {error !== undefined && (
        <span role="alert" className="problem">
          {t.exportFailed(error)}
        </span>
      )}
    </span>
  );
}
