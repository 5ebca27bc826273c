import { Link, useSearchParams } from 'wouter';
import { defaultVariant, NETWORK_IDS, NETWORKS } from '../../model/networks/index.ts';
import { NETWORK_FACTS, OTHER_TABLE_2_RESULTS } from '../../model/paper.ts';
import type { NetworkAnalysis } from '../../model/analysis/analyze.ts';
import type { NetworkId, Variant } from '../../model/types.ts';
import { analysisOf } from '../explorer/resolve.ts';
import { compact, errorRate, exact, shapeText } from '../format.ts';
import { blockHref, compareHref, networkHref } from '../routes.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { ChartPanel } from './ChartPanel.tsx';
import { ErrorCostChart } from './ErrorCostChart.tsx';
import { GroupedBarChart } from './GroupedBarChart.tsx';
import { alignStages, STAGE_GROUPS, type AlignedStage } from './stages.ts';

interface Column {
  id: NetworkId;
  variant: Variant;
  title: string;
  analysis: NetworkAnalysis;
  stages: AlignedStage[];
}

/** The three networks aligned stage by stage, with charts of their costs and of the paper's errors. */
export function ComparePage() {
  const [params] = useSearchParams();
  const paperOnly = params.get('variant') === 'paper';
  useDocumentTitle('Compare');
  const columns: Column[] = NETWORK_IDS.map((id) => {
    const variant: Variant = paperOnly ? 'paper' : defaultVariant(id);
    const analysis = analysisOf(NETWORKS[id][variant]!);
    return { id, variant, title: NETWORK_FACTS[id].title, analysis, stages: alignStages(analysis) };
  });
  const groups = STAGE_GROUPS.map((g) => g.title);
  const legend = (
    <ul className="legend" aria-label="Networks">
      {columns.map((c, i) => <li key={c.id}><i className={`series-${i}`} />{c.title} ({c.variant})</li>)}
    </ul>
  );
  return (
    <div className="page compare">
      <h1>Compare the networks</h1>
      <p className="lede">
        All three share one plan: a stem down to 35×35, blocks on the 35×35, 17×17 and 8×8 grids separated by two
        reduction blocks, then average pooling and a classifier. Here they are aligned stage by stage.
      </p>
      <nav className="segmented" aria-label="Variant">
        <Link href={compareHref()} aria-current={!paperOnly ? 'page' : undefined}>As released (where weights exist)</Link>
        <Link href={compareHref('paper')} aria-current={paperOnly ? 'page' : undefined}>As in the paper</Link>
      </nav>
      {legend}
      <div className="charts">
        <ChartPanel caption="Parameters per stage">
          {(width) => (
            <GroupedBarChart label="Parameters per stage" groups={groups} format={compact} width={width}
              series={columns.map((c) => ({ name: c.title, values: c.stages.map((s) => s.params) }))} />
          )}
        </ChartPanel>
        <ChartPanel caption="Multiply-adds per stage (299×299 input)">
          {(width) => (
            <GroupedBarChart label="Multiply-adds per stage" groups={groups} format={compact} width={width}
              series={columns.map((c) => ({ name: c.title, values: c.stages.map((s) => s.macs) }))} />
          )}
        </ChartPanel>
        <ChartPanel caption="The paper’s error rates against multiply-adds"
          note="Filled: top-1 error; ring: top-5 error (Table 2, single crop, ILSVRC-2012 validation). Dashed: other networks of Table 2.">
          {(width) => (
            <ErrorCostChart label="Top-1 and top-5 error against multiply-adds" costLabel="multiply-adds" formatCost={compact} width={width}
              points={columns.map((c) => ({ name: c.title, cost: c.analysis.macs, ...NETWORK_FACTS[c.id].paper }))}
              references={OTHER_TABLE_2_RESULTS} />
          )}
        </ChartPanel>
        <ChartPanel caption="The paper’s error rates against parameters"
          note={`Costs are those of the ${paperOnly ? 'paper' : 'released'} definitions computed here; the errors are the paper’s.`}>
          {(width) => (
            <ErrorCostChart label="Top-1 and top-5 error against parameters" costLabel="parameters" formatCost={compact} width={width}
              points={columns.map((c) => ({ name: c.title, cost: c.analysis.params, ...NETWORK_FACTS[c.id].paper }))}
              references={OTHER_TABLE_2_RESULTS} />
          )}
        </ChartPanel>
      </div>
      <h2 id="stage-by-stage">Stage by stage</h2>
      {/* Focusable, so that a keyboard can scroll it sideways on a narrow screen. */}
      <div className="table-scroll" role="region" aria-labelledby="stage-by-stage" tabIndex={0}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Stage</th>
            {columns.map((c) => <th key={c.id} scope="col"><Link href={networkHref(c.id, c.variant)}>{c.title}</Link> <span className="sub">{c.variant}</span></th>)}
          </tr>
        </thead>
        <tbody>
          {STAGE_GROUPS.map((group, g) => (
            <tr key={group.id}>
              <th scope="row">{group.title}</th>
              {columns.map((c) => <StageCell key={c.id} column={c} stage={c.stages[g]} />)}
            </tr>
          ))}
          <tr>
            <th scope="row">Total</th>
            {columns.map((c) => (
              <td key={c.id}>
                {exact(c.analysis.params)} parameters<span className="sub">{compact(c.analysis.macs)} multiply-adds</span>
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">Top-1 / top-5 error</th>
            {columns.map((c) => <td key={c.id}>{errorRate(NETWORK_FACTS[c.id].paper.top1Error)} / {errorRate(NETWORK_FACTS[c.id].paper.top5Error)}</td>)}
          </tr>
        </tbody>
      </table>
      </div>
    </div>
  );
}

function StageCell({ column, stage }: { column: Column; stage: AlignedStage }) {
  return (
    <td>
      {stage.stages.map((s, i) => (
        <span key={s.address}>
          {i > 0 && ', '}
          <Link href={blockHref(column.id, column.variant, s.address)}>{stage.labels[i]}</Link>
        </span>
      ))}
      <span className="sub">→ {shapeText(stage.output)}</span>
      <span className="sub">{compact(stage.params)} params · {compact(stage.macs)} mult-adds</span>
    </td>
  );
}
