import type { SourceDetail, SourceRow, TopicRow } from '../db/read-model.js';
import { html, type Html } from './html.js';
import { claimAnchor, layout, pages, sourceName, topicLabels, urls } from './layout.js';
import { highlight, type Highlight } from './text.js';

export type SourceView = { source: SourceDetail; topics: TopicRow[] };
export type SourcesView = { sources: SourceRow[]; nextCursor: string | null; first: boolean };

/** A link only to a web address: a stored URL that is anything else is shown as text. */
function webLink(url: string): Html {
  return /^https?:\/\//i.test(url) ? html`<a href="${url}" rel="noreferrer">${url}</a>` : html`${url}`;
}

function metadata(source: SourceDetail): Html {
  const rows: Array<[string, Html | string]> = [];
  if (source.publisher !== null) rows.push(['Publisher', source.publisher]);
  if (source.author !== null) rows.push(['Author', source.author]);
  if (source.publishedAt !== null) rows.push(['Published', source.publishedAt]);
  if (source.url !== null) rows.push(['Address', webLink(source.url)]);
  if (source.fileName !== null) rows.push(['Ingested from', source.fileName]);
  rows.push(['Claims', String(source.claimCount)]);
  return html`<dl class="source-meta">${rows.map(([name, value]) => html`<div><dt>${name}</dt><dd>${value}</dd></div>`)}</dl>`;
}

/** The article with its claims in `<mark>` and the removed lines in `<del>`, each carrying its reason. */
function article(source: SourceDetail): Html {
  const claims: Highlight[] = source.claims.map((claim) => ({
    ...claim.span,
    wrap: (words) => html`<mark id="${claimAnchor(claim.id)}" data-claim-id="${claim.id}"${claim.offEvent ? html` class="off-event"` : null}>${words}</mark>`,
  }));
  const removed: Highlight[] = source.boilerplate.map((line) => ({
    ...line.span,
    wrap: (words) => html`<del class="removed" data-reason="${line.reason}">${words}</del>`,
  }));
  return html`<div class="article" id="article-text">${highlight(source.text, 0, source.text.length, [...claims, ...removed])}</div>`;
}

function claimList(source: SourceDetail, label: (slug: string) => string): Html {
  if (!source.claims.length) return html`<p class="empty">No claim was found in this article.</p>`;
  return html`<ol class="claims">
${source.claims.map(
  (claim) => html`<li data-claim-id="${claim.id}">
<p class="claim-text"><a href="#${claimAnchor(claim.id)}">${claim.text}</a></p>
<p class="claim-meta">${claim.speaker === null ? "In the source's own voice" : html`Said by <span class="speaker">${claim.speaker}</span>`}${
    claim.topics.length ? html` · ${claim.topics.map((slug) => label(slug)).join(', ')}` : null
  }${claim.offEvent ? html` · <span class="off-event-label">off-event</span>` : null}${
    claim.factIds.length ? html` · ${claim.factIds.map((id, index) => html`${index ? ', ' : ''}<a href="${urls.fact(id)}">${claim.factIds.length > 1 ? `fact ${index + 1}` : 'the fact it states'}</a>`)}` : null
  }</p>
</li>`,
)}
</ol>`;
}

function removedLines(source: SourceDetail): Html {
  if (!source.boilerplate.length) return html`<p class="empty">The clean stage removed no line from this article.</p>`;
  return html`<table class="removed-lines" aria-labelledby="removed-heading">
<thead><tr><th scope="col">Removed line</th><th scope="col">Why</th></tr></thead>
<tbody>
${source.boilerplate.map((line) => html`<tr><td class="removed-text">${line.text}</td><td class="reason">${line.reason}</td></tr>`)}
</tbody>
</table>`;
}

/** `/read/sources/{id}`: the article verbatim with its claims, its removed lines and, if so judged, why it is off-event. */
export function sourcePage({ source, topics }: SourceView): Html {
  const label = topicLabels(topics);
  const body = html`<article class="source-page">
<h1>${sourceName(source)}</h1>
${metadata(source)}
${
  source.offEvent === null
    ? null
    : html`<div class="notice off-event" role="note"><p><strong>Off-event:</strong> this article is judged not to be about the event: ${source.offEvent}.</p><p>Its claims are kept, and shown below, but left out of the facts and of the claim lists.</p></div>`
}
<section aria-labelledby="text-heading">
<h2 id="text-heading">The article, verbatim</h2>
<p class="legend"><mark>Highlighted</mark>: a claim. <del class="removed" data-reason="reason">Struck through</del>: a line the clean stage removed as not reporting, with its reason.</p>
${article(source)}
</section>
<section aria-labelledby="claims-heading">
<h2 id="claims-heading">Claims (${source.claims.length})</h2>
${claimList(source, label)}
</section>
<section aria-labelledby="removed-heading">
<h2 id="removed-heading">Removed lines (${source.boilerplate.length})</h2>
${removedLines(source)}
</section>
</article>`;
  return layout({ title: sourceName(source), section: 'sources', body });
}

/** `/read/sources`: the articles in ingest order, with whether each is about the event. */
export function sourcesPage({ sources, nextCursor, first }: SourcesView): Html {
  const body = html`<h1>Sources</h1>
<p class="lede">The articles, in the order they were ingested. Open one to read it verbatim with its claims and removed lines.</p>
${
  sources.length
    ? html`<table class="sources">
<thead><tr><th scope="col">Article</th><th scope="col">Publisher</th><th scope="col">Published</th><th scope="col">Claims</th><th scope="col">About the event</th></tr></thead>
<tbody>
${sources.map(
  (source) => html`<tr data-source-id="${source.id}"><th scope="row"><a href="${urls.source(source.id)}">${sourceName(source)}</a></th><td>${source.publisher ?? '–'}</td><td>${
    source.publishedAt ?? '–'
  }</td><td>${source.claimCount}</td><td>${source.offEvent === null ? 'Yes' : html`<span class="off-event-label">No</span>: ${source.offEvent}`}</td></tr>`,
)}
</tbody>
</table>`
    : html`<p class="empty">No article has been ingested.</p>`
}
${pages(first ? null : urls.sources(), nextCursor === null ? null : urls.sources(nextCursor))}`;
  return layout({ title: 'Sources', section: 'sources', body });
}
