// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { errorRate } from '../../runtime/evaluation/metrics.ts';
import type { Summary } from '../../runtime/evaluation/records.ts';
import { LocaleContext } from '../i18n/useLocale.ts';
import { ModeForm } from './ModeForm.tsx';
import { ResultsTable } from './ResultsTable.tsx';

afterEach(cleanup);

const noop = () => undefined;
const SUMMARY: Summary = {
  evaluated: 3,
  skipped: [],
  modes: [
    {
      key: 'inception-v4/12',
      mode: { model: 'inception-v4', crops: 12 },
      top1: errorRate(1, 3),
      top5: errorRate(0, 3),
    },
    { key: 'ensemble/1', mode: { model: 'ensemble', crops: 1 }, top1: errorRate(1, 3), top5: errorRate(0, 3) },
  ],
};

const inChinese = (node: React.ReactNode) =>
  render(<LocaleContext.Provider value={{ locale: 'zh', toggle: noop }}>{node}</LocaleContext.Provider>);

describe("prediction modes in the reader's language", () => {
  it("names the table's rows in English, and in Chinese with Chinese punctuation", () => {
    render(<ResultsTable summary={SUMMARY} />);
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual([
      'Inception-v4, 12 crops',
      'Ensemble (Inception-v4 + Inception-ResNet-v2), 1 crop',
    ]);
    cleanup();
    inChinese(<ResultsTable summary={SUMMARY} />);
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual([
      'Inception-v4，12 个裁剪',
      '集成（Inception-v4 + Inception-ResNet-v2），1 个裁剪',
    ]);
    // The table's note names the paper's Table 2 in Chinese too (it began in English).
    expect(document.body.textContent).toContain('表 2：单裁剪、单模型');
    expect(document.body.textContent).not.toContain('single crop');
  });

  it('offers the ensemble in the Network menu in Chinese', () => {
    inChinese(
      <ModeForm
        mode={{ model: 'inception-v4', crops: 1 }}
        onMode={noop}
        disabled={false}
        real={{ on: false }}
        onReal={noop}
      />,
    );
    const options = [...document.querySelectorAll('.evaluate-mode select option')].map((o) => o.textContent);
    expect(options).toContain('集成（Inception-v4 + Inception-ResNet-v2）');
    expect(options.join()).not.toMatch(/Ensemble/);
  });
});
