import { Link, useSearchParams } from 'wouter';
import { defaultVariant, NETWORKS, PAPER_NETWORK_IDS } from '../../model/networks/index.ts';
import { NETWORK_FACTS, OTHER_TABLE_2_RESULTS } from '../../model/paper.ts';
import type { NetworkAnalysis } from '../../model/analysis/analyze.ts';
import type { PaperNetworkId, Variant } from '../../model/types.ts';
import { analysisOf } from '../explorer/resolve.ts';
import { compact, errorRate, exact, shapeText } from '../format.ts';
import { blockHref, compareHref, networkHref } from '../routes.ts';
import { useMessages } from '../i18n/messages.ts';
import { pagesText } from '../i18n/pages.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { ChartPanel } from './ChartPanel.tsx';
import { ErrorCostChart } from './ErrorCostChart.tsx';
import { GroupedBarChart } from './GroupedBarChart.tsx';
import { alignStages, STAGE_GROUPS, type AlignedStage } from './stages.ts';

interface Column {
  id: PaperNetworkId;
  variant: Variant;
  title: string;
  analysis: NetworkAnalysis;
  stages: AlignedStage[];
}

/** The three networks aligned stage by stage, with charts of their costs and of the paper's errors. */
export function ComparePage() {
  const [params] = useSearchParams();
  const paperOnly = params.get('variant') === 'paper';
  const m = useMessages(pagesText);
  const t = m.compare;
  useDocumentTitle(t.title);
  const columns: Column[] = PAPER_NETWORK_IDS.map((id) => {
    const variant: Variant = paperOnly ? 'paper' : defaultVariant(id);
    const analysis = analysisOf(NETWORKS[id][variant]!);
    return { id, variant, title: NETWORK_FACTS[id].title, analysis, stages: alignStages(analysis) };
  });
  const groups = STAGE_GROUPS.map((g) => m.stages.groups[g.id]);
  const legend = (
    <ul className="legend" aria-label={t.networks}>
      {columns.map((c, i) => (
        <li key={c.id}>
          <i className={`series-${i}`} />
          {c.title} ({m.home.variant[c.variant]})
        </li>
      ))}
    </ul>
  );
  return (
    <div className="page compare">
      <h1>{t.heading}</h1>
      <p className="lede">{t.lede}</p>
      <nav className="segmented" aria-label={t.variant}>
        <Link href={compareHref()} aria-current={!paperOnly ? 'page' : undefined}>
          {t.released}
        </Link>
        <Link href={compareHref('paper')} aria-current={paperOnly ? 'page' : undefined}>
          {t.paper}
        </Link>
      </nav>
      {legend}
      <div className="charts">
        <ChartPanel caption={t.paramsCaption}>
          {(width) => (
            <GroupedBarChart
              label={t.paramsCaption}
              groups={groups}
              format={compact}
              width={width}
              series={columns.map((c) => ({ name: c.title, values: c.stages.map((s) => s.params) }))}
            />
          )}
        </ChartPanel>
        <ChartPanel caption={t.macsCaption}>
          {(width) => (
            <GroupedBarChart
              label={t.macsLabel}
              groups={groups}
              format={compact}
              width={width}
              series={columns.map((c) => ({ name: c.title, values: c.stages.map((s) => s.macs) }))}
            />
          )}
        </ChartPanel>
        <ChartPanel caption={t.errorMacsCaption} note={t.errorNote}>
          {(width) => (
            <ErrorCostChart
              label={t.errorMacsLabel}
              costLabel={t.multiplyAdds}
              formatCost={compact}
              width={width}
              points={columns.map((c) => ({ name: c.title, cost: c.analysis.macs, ...NETWORK_FACTS[c.id].paper }))}
              references={OTHER_TABLE_2_RESULTS}
            />
          )}
        </ChartPanel>
        <ChartPanel caption={t.errorParamsCaption} note={t.costNote(paperOnly)}>
          {(width) => (
            <ErrorCostChart
              label={t.errorParamsLabel}
              costLabel={t.parameters}
              formatCost={compact}
              width={width}
              points={columns.map((c) => ({ name: c.title, cost: c.analysis.params, ...NETWORK_FACTS[c.id].paper }))}
              references={OTHER_TABLE_2_RESULTS}
            />
          )}
        </ChartPanel>
      </div>
      <h2 id="stage-by-stage">{t.stageByStage}</h2>
      {/* Focusable, so that a keyboard can scroll it sideways on a narrow screen. */}
      <div className="table-scroll" role="region" aria-labelledby="stage-by-stage" tabIndex={0}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t.stage}</th>
              {columns.map((c) => (
                <th key={c.id} scope="col">
                  <Link href={networkHref(c.id, c.variant)}>{c.title}</Link>{' '}
                  <span className="sub">{m.home.variant[c.variant]}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {STAGE_GROUPS.map((group, g) => (
              <tr key={group.id}>
                <th scope="row">{m.stages.groups[group.id]}</th>
                {columns.map((c) => (
                  <StageCell key={c.id} column={c} stage={c.stages[g]} />
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{t.total}</th>
              {columns.map((c) => (
                <td key={c.id}>
                  {t.totalParams(exact(c.analysis.params))}
                  <span className="sub">{t.totalMacs(compact(c.analysis.macs))}</span>
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t.errors}</th>
              {columns.map((c) => (
                <td key={c.id}>
                  {errorRate(NETWORK_FACTS[c.id].paper.top1Error)} / {errorRate(NETWORK_FACTS[c.id].paper.top5Error)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}

function StageCell({ column, stage }: { column: Column; stage: AlignedStage }) {
  const t = useMessages(pagesText).compare;
  return (
    <td>
      {stage.stages.map((s, i) => (
        <span key={s.address}>
          {i > 0 && ', '}
          <Link href={blockHref(column.id, column.variant, s.address)}>{stage.labels[i]}</Link>
        </span>
      ))}
      <span className="sub">→ {shapeText(stage.output)}</span>
      <span className="sub">{t.cell(compact(stage.params), compact(stage.macs))}</span>
    </td>
  );
}
