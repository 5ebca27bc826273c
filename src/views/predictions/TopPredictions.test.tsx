// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TopPredictions } from './TopPredictions.tsx';

afterEach(cleanup);

describe('TopPredictions', () => {
  it('lists classes most probable first with percentages and bars as long as the probability', () => {
    render(
      <TopPredictions
        top={[
          { classIndex: 281, label: 'tabby, tabby cat', probability: 0.62 },
          { classIndex: 282, label: 'tiger cat', probability: 0.0041 },
        ]}
      />,
    );
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['tabby62.0\u00a0%', 'tiger cat0.41\u00a0%']);
    const bars = items.map((li) => (li.querySelector('.bar span') as HTMLElement).style.width);
    expect(bars).toEqual(['62%', '0.5%']);
  });
});
