import type { SourceRow, TopicRow } from '../db/read-model.js';
import { html, type Html } from './html.js';

export const STYLESHEET_PATH = '/read/style.css';

/** The reader's addresses. Ids and filters are encoded; the templates escape the result again for the attribute. */
export const urls = {
  facts(filter: { topic?: string; speaker?: string; cursor?: string } = {}): string {
    const query = new URLSearchParams();
    for (const name of ['topic', 'speaker', 'cursor'] as const) if (filter[name] !== undefined) query.set(name, filter[name]!);
    const search = query.toString();
    return search ? `/?${search}` : '/';
  },
  fact: (id: string) => `/read/facts/${encodeURIComponent(id)}`,
  sources: (cursor?: string) => (cursor === undefined ? '/read/sources' : `/read/sources?cursor=${encodeURIComponent(cursor)}`),
  source: (id: string) => `/read/sources/${encodeURIComponent(id)}`,
};

/** The id a claim's `<mark>` carries, so a page can link to it: `/read/sources/{id}#claim-{claimId}`. */
export const claimAnchor = (claimId: string) => `claim-${claimId}`;

/** What a source is called: its headline, else its publisher, else the file it came from, else its id. */
export function sourceName(source: Pick<SourceRow, 'id' | 'title' | 'publisher'> & { fileName?: string | null }): string {
  return source.title ?? source.publisher ?? source.fileName ?? source.id;
}

/** Topic labels by slug; a slug the taxonomy no longer has shows as itself. */
export function topicLabels(topics: readonly TopicRow[]): (slug: string) => string {
  const labels = new Map(topics.map((topic) => [topic.slug, topic.label]));
  return (slug) => labels.get(slug) ?? slug;
}

export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** Links to the first and the next page of a list, when there are such pages. */
export function pages(first: string | null, next: string | null): Html | null {
  if (first === null && next === null) return null;
  return html`<nav class="pages" aria-label="Pages">
${first === null ? null : html`<a href="${first}">First page</a>`}
${next === null ? null : html`<a href="${next}" rel="next">Next page</a>`}
</nav>`;
}

type Section = 'facts' | 'sources';

/**
 * Every page's frame: a skip link first, then the banner with the site's navigation, the page's own
 * content as the main landmark (the skip link's target), and a footer pointing to the JSON API.
 */
export function layout({ title, section, body }: { title: string; section: Section | null; body: Html }): Html {
  const current = (name: Section) => (section === name ? html` aria-current="page"` : null);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – summit-facts</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<a class="skip-link" href="#main">Skip to the content</a>
<header class="site-header">
<p class="site-name"><a href="/">summit-facts</a> <span class="tagline">sourced, cross-checked facts from the news</span></p>
<nav aria-label="Site">
<ul>
<li><a href="/"${current('facts')}>Facts</a></li>
<li><a href="${urls.sources()}"${current('sources')}>Sources</a></li>
<li><a href="/docs">API</a></li>
</ul>
</nav>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site-footer">
<p>Every claim is the source's own words: its highlight is the exact span of the article it came from. The same data as JSON: <a href="/docs">the API</a>.</p>
</footer>
</body>
</html>
`;
}
