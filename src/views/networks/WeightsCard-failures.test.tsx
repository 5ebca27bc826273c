// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWeightsCard as card, weightsCard } from '../../testing/weights-card.tsx';
import { failed } from '../i18n/said.ts';
import type { WeightsView } from './networks-state.ts';

afterEach(cleanup);

describe('WeightsCard failures', () => {
  it('leads a failure with what to do, the detail under it', () => {
    const detail = ' is truncated: tensor "x" needs bytes 3968–40832 of the data section';
    card({
      network: 'inception-v4',
      error: {
        failure: {
          code: 'weights.safetensors',
          params: { file: 'cut.safetensors', problem: 'truncated', tensor: 'x', detail },
        },
      },
      advice: { reason: 'truncated', network: 'inception-v4' },
    });
    const alert = screen.getByRole('alert');
    expect(alert.firstElementChild?.textContent).toBe(
      'This file is incomplete: download it (or copy it) again, then retry.',
    );
    expect(alert.querySelector('.detail')?.textContent).toMatch(/needs bytes 3968–40832/);
  });

  it("offers to load a file that is the other network's checkpoint into that network, in both languages", () => {
    const onLoadWhereItFits = vi.fn();
    const advice = 'This file holds the weights of Inception-ResNet-v2, not of Inception-v4.';
    const view: WeightsView = {
      network: 'inception-v4',
      error: failed(new Error('irv2.safetensors looks like an inception_resnet_v2 checkpoint, not inception_v4')),
      misplaced: { fits: 'inception-resnet-v2', file: new Blob([]), name: 'irv2.safetensors' },
    };
    card(view, { onLoadWhereItFits });
    expect(screen.getByRole('alert').querySelector('.advice')?.textContent).toBe(advice);
    fireEvent.click(screen.getByRole('button', { name: 'Load it into Inception-ResNet-v2' }));
    expect(onLoadWhereItFits).toHaveBeenCalledOnce();
    // The one primary action is the offer (the download stays, as a plain button).
    expect([...document.querySelectorAll('.button-primary')].map((b) => b.textContent)).toEqual([
      'Load it into Inception-ResNet-v2',
    ]);
    cleanup();
    card(view, { onLoadWhereItFits: () => undefined }, 'zh');
    expect(screen.getByRole('button', { name: '加载到 Inception-ResNet-v2' })).toBeTruthy();
    cleanup();
    card({ network: 'inception-v4', error: failed(new Error('x')) });
    expect(screen.queryByRole('button', { name: /^Load it into/ })).toBeNull();
  });

  it("says a failure already shown in the language switched to: the advice and the runtime's detail", () => {
    const view: WeightsView = {
      network: 'inception-v4',
      error: {
        failure: {
          code: 'download.not-found',
          params: {
            label: 'model.safetensors',
            url: 'https://mirror.example/model.safetensors',
            status: '404',
          },
        },
      },
      advice: { reason: 'not-found', network: 'inception-v4' },
    };
    const { rerender } = render(weightsCard(view));
    const alert = () => screen.getByRole('alert');
    expect(alert().querySelector('.detail')?.textContent).toBe(
      'model.safetensors: not found at https://mirror.example/model.safetensors (the server answered 404)',
    );
    rerender(weightsCard(view, {}, 'zh'));
    expect(alert().querySelector('.detail')?.textContent).toBe(
      'model.safetensors：在 https://mirror.example/model.safetensors 找不到（服务器返回 404）',
    );
    expect(alert().querySelector('.advice')?.textContent).not.toMatch(/[A-Za-z]{3,} [a-z]{3,}/);
  });
});
