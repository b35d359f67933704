import escapeHtml from 'escape-html';

/** Markup that is safe to send: built by `html`, which escapes every value it did not build itself. */
export class Html {
  constructor(readonly text: string) {}
}

/** What a template may interpolate: markup as is, text escaped, lists in turn, nothing for null, undefined or false. */
export type Fragment = Html | string | number | null | undefined | false | readonly Fragment[];

function render(fragment: Fragment): string {
  if (fragment instanceof Html) return fragment.text;
  if (Array.isArray(fragment)) return fragment.map(render).join('');
  if (fragment === null || fragment === undefined || fragment === false) return '';
  // escape-html writes & < > " ' as entities: safe in text and in quoted attribute values alike.
  return escapeHtml(String(fragment));
}

/**
 * A tagged template for HTML: every interpolated string is escaped, so text from an article, a query or
 * the database can never become markup. Attribute values must be quoted in the template.
 */
export function html(strings: TemplateStringsArray, ...fragments: Fragment[]): Html {
  let text = strings[0]!;
  fragments.forEach((fragment, index) => {
    text += render(fragment) + strings[index + 1]!;
  });
  return new Html(text);
}

/** Plain text as markup: escaped. */
export function text(value: string): Html {
  return new Html(render(value));
}
