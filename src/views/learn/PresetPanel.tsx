/** The presets: each a question of the paper's, the settings that ask it, and a button that takes them. */
import { learnText } from '../i18n/learn.ts';
import { useMessages } from '../i18n/messages.ts';
import { PRESETS, type Preset, type PresetId } from './presets.ts';

export interface PresetPanelProps {
  /** The preset the current settings are, if any. */
  current?: PresetId;
  disabled: boolean;
  onUse: (preset: Preset) => void;
}

export function PresetPanel({ current, disabled, onUse }: PresetPanelProps) {
  const t = useMessages(learnText).presets;
  return (
    <section className="learn-presets" aria-labelledby="learn-presets-heading">
      <h2 id="learn-presets-heading">{t.heading}</h2>
      <div className="cards">
        {PRESETS.map((preset) => (
          <article key={preset.id} className="card" data-preset={preset.id} aria-labelledby={`preset-${preset.id}`}>
            <h3 id={`preset-${preset.id}`}>{t[preset.id].question}</h3>
            <p>{t[preset.id].about}</p>
            <button
              type="button"
              className={current === preset.id ? undefined : 'button-primary'}
              disabled={disabled || current === preset.id}
              aria-describedby={`preset-${preset.id}`}
              onClick={() => onUse(preset)}
            >
              {current === preset.id ? t.inUse : t.use}
            </button>
          </article>
        ))}
      </div>
    </section>
  );
}
