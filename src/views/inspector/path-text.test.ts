import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { paperPath } from '../../model/analysis/paper-path.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { inspectorText } from '../i18n/inspector.ts';
import { pathText } from './path-text.ts';

const v2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
const say = (address: string, locale: 'en' | 'zh') => pathText(paperPath(v2, address), inspectorText[locale].path);

describe("a node's place in words", () => {
  it('reads like the paper in English', () => {
    expect(say('inception-resnet-b/0/0/0/1/1', 'en')).toBe('Inception-ResNet-B › 1 of 20 › branch 2 of 2');
    expect(say('reduction-a', 'en')).toBe('Inception-ResNet-v2, stage 4 of 10');
  });

  it('in 简体中文, keeping the block names as the paper writes them', () => {
    expect(say('inception-resnet-b/0/0/0/1/1', 'zh')).toBe(
      'Inception-ResNet-B › 第 1 个（共 20 个） › 分支 2（共 2 个）',
    );
    expect(say('reduction-a', 'zh')).toBe('Inception-ResNet-v2，第 4 个阶段（共 10 个）');
  });
});
