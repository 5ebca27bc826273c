import { useId, useState } from 'react';
import { Link } from 'wouter';
import type { Layout } from '../../layout/types.ts';
import { variantsOf } from '../../model/networks/index.ts';
import type { DiagramMarks } from '../diagram/props.ts';
import { downloadBlob, exportFileName, pngSize, svgBlob, svgToPng } from '../export/export.ts';
import { HOME, networkHref } from '../routes.ts';
import { useTheme } from '../shell/useTheme.ts';
import type { ExplorerView } from './resolve.ts';
import { SearchBox, type SearchBoxProps } from './SearchBox.tsx';
import { PhotoPicker } from '../photos/PhotoPicker.tsx';
import { NETWORKS } from '../../model/networks/index.ts';
import type { UpdateView } from './useViewOptions.ts';
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
  const variants = variantsOf(id);
  const single = variants.length < 2;
  const here = `${network.title} (${variant})`;
  const [open, setOpen] = useState(false);
  const toolsId = useId();

  return (
    <div className="toolbar" data-open={open ? '' : undefined}>
      <nav aria-label="Breadcrumbs" className="toolbar-crumbs">
        <ol className="breadcrumbs">
          <li><Link href={HOME}>Networks</Link></li>
          {block && stage && <li><Link href={networkHref(id, variant, options.diff ? { diff: true } : {})}>{here}</Link></li>}
          <li aria-current="page"><h1 className="view-heading">{block ? layout.title : here}</h1></li>
        </ol>
      </nav>
      <button type="button" className="toolbar-toggle" aria-expanded={open} aria-controls={toolsId} onClick={() => setOpen(!open)}>
        Tools
      </button>
      <div className="toolbar-tools" id={toolsId}>
        <div className="toolbar-row toolbar-view">
          <nav className="segmented" aria-label="Variant">
            {(['paper', 'released'] as const).map((v) => (variants.includes(v)
              ? <Link key={v} href={variantHref(view, v)} aria-current={v === variant ? 'page' : undefined}>{v === 'paper' ? 'Paper' : 'Released'}</Link>
              : <a key={v} role="link" aria-disabled="true" title={`${network.title} exists only as in the paper`}>{v === 'paper' ? 'Paper' : 'Released'}</a>))}
          </nav>
          <button type="button" aria-pressed={options.diff === true} disabled={single} onClick={() => update({ diff: !options.diff })}
            title={single ? `${network.title} has no released version to compare with` : 'Mark what differs between the paper and the released code'}>
            Paper vs released
          </button>
          <PhotoPicker slot={photo.slot} onPick={photo.onPick}
            {...(NETWORKS[id].released ? {} : { unavailable: `${network.title} has no pretrained weights: no photo can be looked at inside it` })} />
        </div>
        <div className="toolbar-row toolbar-actions">
          {!block && (
            <span className="toolbar-group">
              <button type="button" disabled={allExpanded} onClick={() => update({ expand: 'all' })} title="Open every block down to every layer">Expand all</button>
              <button type="button" disabled={!expanded} onClick={() => update({ expand: undefined })} title="Roll every block back up">Collapse all</button>
            </span>
          )}
          <SearchBox {...search} scope={block ? `in ${layout.title}` : `in ${here}`} />
          <ExportButtons layout={layout} marks={marks} name={[id, variant, block ? (stage?.address ?? '') : (allExpanded ? 'expanded' : '')]} />
        </div>
      </div>
    </div>
  );
}

function ExportButtons({ layout, marks, name }: { layout: Layout; marks: DiagramMarks; name: string[] }) {
  const { theme } = useTheme();
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
      setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="toolbar-group" role="group" aria-label="Export">
      <button type="button" disabled={busy} onClick={() => void run('svg')} title="Download the diagram as an SVG file">Export SVG</button>
      <button type="button" disabled={busy} onClick={() => void run('png')} title="Download the diagram as a high-resolution PNG">Export PNG</button>
      {error && <span role="alert" className="problem">{error}</span>}
    </span>
  );
}
