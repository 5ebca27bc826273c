/**
 * Finds text in the views' source that a reader would see but that does not come from a catalogue:
 * JSX text, user-facing attributes given as string literals, string literals that a JSX expression
 * shows, and prose-like literals anywhere else in the views (messages built in stores and helpers).
 * Used by `untranslated.test.ts`; test-only (it parses with the TypeScript compiler).
 */
import ts from 'typescript';

export interface Finding {
  file: string;
  line: number;
  text: string;
  rule: 'jsx-text' | 'attribute' | 'jsx-expression' | 'prose';
}

/** Attributes that never carry words for the reader (class names, ids, ARIA states and references, SVG geometry). */
const NON_TEXT_ATTRIBUTES = new Set([
  'className',
  'id',
  'key',
  'href',
  'to',
  'path',
  'type',
  'role',
  'htmlFor',
  'name',
  'value',
  'defaultValue',
  'style',
  'autoComplete',
  'inputMode',
  'rel',
  'target',
  'method',
  'accept',
  'capture',
  'loading',
  'decoding',
  'dir',
  'lang',
  'spellCheck',
  'crossOrigin',
  'scope',
  'tabIndex',
  'src',
  'srcSet',
  'sizes',
  'download',
  'form',
  'list',
  'pattern',
  'min',
  'max',
  'step',
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'd',
  'points',
  'width',
  'height',
  'viewBox',
  'transform',
  'fill',
  'stroke',
  'strokeWidth',
  'strokeDasharray',
  'strokeLinecap',
  'strokeLinejoin',
  'dx',
  'dy',
  'vectorEffect',
  'pointerEvents',
  'textAnchor',
  'dominantBaseline',
  'fontFamily',
  'fontSize',
  'fontWeight',
  'preserveAspectRatio',
  'markerEnd',
  'markerWidth',
  'markerHeight',
  'refX',
  'refY',
  'orient',
  'opacity',
  'fillOpacity',
  'clipPath',
  'mask',
  'xmlns',
  'aria-current',
  'aria-live',
  'aria-hidden',
  'aria-controls',
  'aria-labelledby',
  'aria-describedby',
  'aria-haspopup',
  'aria-expanded',
  'aria-pressed',
  'aria-selected',
  'aria-checked',
  'aria-disabled',
  'aria-busy',
  'aria-atomic',
  'aria-relevant',
  'aria-orientation',
  'aria-sort',
  'aria-keyshortcuts',
  'aria-owns',
  'aria-activedescendant',
  'aria-invalid',
  'aria-modal',
  'aria-level',
  'aria-posinset',
  'aria-setsize',
  'aria-valuemin',
  'aria-valuemax',
  'aria-valuenow',
]);

const LETTER = /\p{L}/u;
/** Two words of letters in a row: a phrase, not an identifier or a class name list like "button primary". */
const PHRASE = /\p{L}{2,}[ ,.:;!?’'()—–-]+\p{L}/u;
/** Words for the reader, not identifiers: a phrase with a capital or sentence punctuation, or a capitalised word. */
function readsAsProse(text: string): boolean {
  const trimmed = text.trim();
  if (!LETTER.test(trimmed)) return false;
  // A language tag ("en-US", "zh-Hans") names a locale for Intl or `lang`, it is not read.
  if (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(trimmed)) return false;
  // Paths and URLs, CSS, markup, selectors and MIME types are for the browser.
  if (/^(\.{0,2}\/|https?:\/\/)\S*$/.test(trimmed)) return false;
  if (/[{}<>]|\[[a-z-]+=|\bvar\(--|color-mix\(|^\d+px /.test(trimmed) || /^[a-z]+\/[a-z0-9+.-]+(;.*)?$/.test(trimmed))
    return false;
  if (/^[A-Z][a-z]{2,}$/.test(trimmed)) return true;
  if (!PHRASE.test(trimmed)) return false;
  if (
    /^[a-z0-9_\-:. #[\]=>*"()]+$/.test(trimmed) &&
    !/[.:!?]$/.test(trimmed) &&
    !/[a-z]{2,} [a-z]{2,} [a-z]{2,}/.test(trimmed)
  )
    return false;
  return true;
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return undefined;
}

/** Literals that are not shown as such: compared, used as keys, passed to a function (outside prose checks). */
function isNonValuePosition(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (
    ts.isBinaryExpression(parent) &&
    [
      ts.SyntaxKind.EqualsEqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsEqualsToken,
      ts.SyntaxKind.EqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsToken,
      ts.SyntaxKind.InKeyword,
    ].includes(parent.operatorToken.kind)
  )
    return true;
  if (ts.isCaseClause(parent)) return true;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return true;
  // A key chosen by a condition: t.mark[cosmetic ? 'order' : mark].
  if (
    ts.isConditionalExpression(parent) &&
    parent.condition !== node &&
    ts.isElementAccessExpression(parent.parent) &&
    parent.parent.argumentExpression === parent
  )
    return true;
  // Identifiers listed `as const` (['paper', 'released'] as const).
  if (
    ts.isArrayLiteralExpression(parent) &&
    ts.isAsExpression(parent.parent) &&
    parent.parent.type.getText() === 'const'
  )
    return true;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return true;
  // The key of a catalogue entry kept to be worded later ({ code: 'store.waiting' }, { word: 'settings.stored' },
  // i18n/said.ts).
  let value: ts.Node = node;
  while (
    ts.isAsExpression(value.parent) ||
    ts.isParenthesizedExpression(value.parent) ||
    ts.isConditionalExpression(value.parent)
  )
    value = value.parent;
  if (
    ts.isPropertyAssignment(value.parent) &&
    value.parent.initializer === value &&
    /^(code|word)$/.test(value.parent.name.getText())
  )
    return true;
  if (ts.isLiteralTypeNode(parent) || ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return true;
  if (ts.isImportTypeNode(parent) || ts.isExternalModuleReference(parent)) return true;
  return false;
}

/** Inside a call whose arguments are for developers or the DOM, never the reader. */
function inDeveloperCall(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const callee = n.expression.getText();
      if (
        /^console\.|querySelector|matchMedia|closest$|setAttribute|getAttribute|addEventListener|removeEventListener|dispatchEvent|postMessage|^import$/.test(
          callee,
        )
      )
        return true;
      if (ts.isNewExpression(n) && /^(Error|TypeError|RangeError|Event|CustomEvent)$/.test(callee)) return true;
    }
    if (ts.isJsxAttribute(n) || ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isFunctionLike(n))
      return false;
  }
  return false;
}

function attributeName(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isJsxAttribute(n)) return n.name.getText();
    if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n)) return undefined;
  }
  return undefined;
}

function insideJsxExpression(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isJsxExpression(n)) return true;
    if (ts.isFunctionLike(n) && !ts.isArrowFunction(n)) return false;
    if (ts.isSourceFile(n)) return false;
  }
  return false;
}

function isCallArgument(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && (parent.arguments ?? []).some((a) => a === node)
  );
}

/** The findings in one source file (`fileName` decides JSX parsing). */
export function findUntranslated(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const findings: Finding[] = [];
  // A line may say why its words stay as they are ("// i18n-ignore: …"), e.g. a language named in itself: on
  // the line itself or alone on the line above (where the formatter puts a JSX comment of its own).
  const lines = source.split('\n');
  const add = (node: ts.Node, text: string, rule: Finding['rule']) => {
    const line = file.getLineAndCharacterOfPosition(node.getStart()).line;
    const above = lines[line - 1]?.trim() ?? '';
    if (lines[line]?.includes('i18n-ignore') || /^(\/\/|\{\/\*) i18n-ignore/.test(above)) return;
    findings.push({
      file: fileName,
      line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      text: text.trim().replace(/\s+/g, ' '),
      rule,
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (LETTER.test(node.text)) add(node, node.text, 'jsx-text');
      return;
    }
    if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const name = node.name.getText();
      if (!NON_TEXT_ATTRIBUTES.has(name) && !name.startsWith('data-') && LETTER.test(node.initializer.text))
        add(node, `${name}="${node.initializer.text}"`, 'attribute');
      return;
    }
    const text = literalText(node);
    if (text !== undefined) {
      if (LETTER.test(text) && !isNonValuePosition(node) && !inDeveloperCall(node)) {
        const attribute = attributeName(node);
        const shownByJsx = insideJsxExpression(node) && !isCallArgument(node);
        // An event handler's literals are values it passes on (update({ expand: 'all' })), unless they read as prose.
        if (attribute !== undefined && /^on[A-Z]/.test(attribute)) {
          if (readsAsProse(text)) add(node, text, 'prose');
        } else if (
          attribute !== undefined
            ? !NON_TEXT_ATTRIBUTES.has(attribute) && !attribute.startsWith('data-') && shownByJsx
            : shownByJsx
        ) {
          add(node, text, 'jsx-expression');
        } else if (attribute === undefined && readsAsProse(text)) {
          add(node, text, 'prose');
        }
      }
      if (ts.isTemplateExpression(node)) node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}
