import { Fragment } from 'react';

/** URLs in `text`, each split after its punctuation ("/", ".", "_", "-", "?", "&", "="). */
export function urlBreakPoints(text: string): string[] {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/\S+/g)) {
    const start = match.index ?? 0;
    parts.push(text.slice(last, start));
    parts.push(...match[0].split(/(?<=[/._\-?&=])/));
    last = start + match[0].length;
  }
  parts.push(text.slice(last));
  return parts.filter((p) => p !== '');
}

/**
 * Text with long URLs in it that wraps at the URLs' slashes and dots (a <wbr> after each), so that a
 * narrow line breaks "huggingface.co/ timm/" rather than in the middle of a word.
 */
export function BreakableText({ text }: { text: string }) {
  return (
    <>
      {urlBreakPoints(text).map((part, i) => (
        <Fragment key={i}>
          {part}
          {/[/._\-?&=]$/.test(part) ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}
