/** A weights card as its tests render it (views/networks/WeightsCard.tsx): each handler a no-op unless given. */
import { render } from '@testing-library/react';
import type { Locale } from '../views/i18n/locale.ts';
import { LocaleContext } from '../views/i18n/useLocale.ts';
import type { WeightsView } from '../views/networks/networks-state.ts';
import { WeightsCard, type WeightsCardProps } from '../views/networks/WeightsCard.tsx';

const noop = () => undefined;

/** The card of `view` in `locale`'s words (English unless said), with `props` beside the no-op handlers. */
export function weightsCard(view: WeightsView, props: Partial<WeightsCardProps> = {}, locale: Locale = 'en') {
  return (
    <LocaleContext.Provider value={{ locale, toggle: noop }}>
      <WeightsCard view={view} onDownload={noop} onFile={noop} onCancel={noop} onForget={noop} {...props} />
    </LocaleContext.Provider>
  );
}

/** Renders `weightsCard(view, props, locale)`. */
export const renderWeightsCard = (...args: Parameters<typeof weightsCard>) => render(weightsCard(...args));
