/**
 * A number of the settings, with its stated range: the text typed stays as typed; a valid number is
 * taken at once, an invalid one is marked (aria-invalid, with the range said) and the last valid value
 * stands. An optional field takes "empty" for none.
 */
import { useId, useState } from 'react';
import { learnText } from '../i18n/learn.ts';
import { useMessages } from '../i18n/messages.ts';
import { inRange, type NumberRange } from './settings.ts';

export interface NumberFieldProps {
  label: string;
  value: number | undefined;
  range: NumberRange;
  onChange: (value: number | undefined) => void;
  /** Said after the range, e.g. "empty: none"; the field then accepts nothing. */
  emptyMeans?: string;
  /** The step of the browser's arrows. */
  step?: number | 'any';
}

export function NumberField({ label, value, range, onChange, emptyMeans, step = 'any' }: NumberFieldProps) {
  const id = useId();
  const t = useMessages(learnText).settings;
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [shown, setShown] = useState(value);
  // A value set from outside (a preset, a link) replaces what was typed.
  if (value !== shown) {
    setShown(value);
    setText(value === undefined ? '' : String(value));
  }
  const rangeText = t.range(String(range.min), String(range.max));
  const parsed = text.trim() === '' ? undefined : Number(text);
  const valid = parsed === undefined ? emptyMeans !== undefined : inRange(parsed, range);
  return (
    <div className={`number-field${valid ? '' : ' invalid'}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        step={step}
        min={range.min}
        max={range.max}
        aria-invalid={valid ? undefined : true}
        aria-describedby={`${id}-range`}
        onChange={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          const number = next.trim() === '' ? undefined : Number(next);
          if (number === undefined ? emptyMeans !== undefined : inRange(number, range)) {
            setShown(number);
            onChange(number);
          }
        }}
      />
      <span id={`${id}-range`} className="range">
        {valid ? `${rangeText}${emptyMeans ? `; ${emptyMeans}` : ''}` : t.invalid(rangeText)}
      </span>
    </div>
  );
}
