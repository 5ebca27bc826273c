import { classifyText } from '../i18n/classify.ts';
import { useMessages } from '../i18n/messages.ts';
import './predictions.css';

/**
 * How the crops of the prediction modes are taken: this project's reading of the paper, which reports
 * 12- and 144-crop results (Tables 3–5) but defines the crops only by pointing to GoogLeNet.
 */
export function CropsNote() {
  const t = useMessages(classifyText).crops;
  return (
    <details className="crops-note">
      <summary>{t.summary}</summary>
      <p>
        {t.intro[0]}
        <cite lang="en">{t.intro[1]}</cite>
        {t.intro[2]}
      </p>
      <ul>
        {[t.one, t.twelve, t.many, t.ensemble].map(([name, text]) => (
          <li key={name}>
            <strong>{name}</strong>
            {text}
          </li>
        ))}
      </ul>
    </details>
  );
}
