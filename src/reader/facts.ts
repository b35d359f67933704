import type { FactRow, TopicRow } from '../db/read-model.js';
import { html, type Html } from './html.js';
import { layout, pages, plural, topicLabels, urls } from './layout.js';

export type FactsFilter = { topic?: string; speaker?: string };

export type FactsView = {
  facts: FactRow[];
  /** The next page's cursor, or null on the last page. */
  nextCursor: string | null;
  /** Whether this is the first page (no cursor was given). */
  first: boolean;
  topics: TopicRow[];
  speakers: Array<{ name: string; factCount: number }>;
  filter: FactsFilter;
};

/** What the differences in a fact are, in words: "place, hedge". */
export const VARIANT_NAMES: Record<string, string> = {
  place: 'place',
  number: 'number',
  date: 'date',
  person: 'speaker',
  'quote-wording': 'quoted wording',
  hedge: 'hedge',
};

function option(value: string, label: string, selected: boolean): Html {
  return html`<option value="${value}"${selected ? html` selected` : null}>${label}</option>`;
}

function filters({ topics, speakers, filter }: FactsView): Html {
  const isFiltered = (name: string) => name.toLowerCase() === filter.speaker?.toLowerCase();
  // A speaker given in the address but absent from the list (no fact of theirs) stays selected.
  const speakerOptions = filter.speaker === undefined || speakers.some((speaker) => isFiltered(speaker.name)) ? speakers : [{ name: filter.speaker, factCount: 0 }, ...speakers];
  return html`<form class="filters" method="get" action="/" aria-label="Filter the facts">
<div class="field">
<label for="topic">Topic</label>
<select id="topic" name="topic">
${option('', 'All topics', filter.topic === undefined)}
${topics.map((topic) => option(topic.slug, topic.label, topic.slug === filter.topic))}
</select>
</div>
<div class="field">
<label for="speaker">Speaker</label>
<select id="speaker" name="speaker">
${option('', 'Anyone, or the source itself', filter.speaker === undefined)}
${speakerOptions.map((speaker) => option(speaker.name, `${speaker.name} (${plural(speaker.factCount, 'fact')})`, isFiltered(speaker.name)))}
</select>
</div>
<div class="actions">
<button type="submit">Show facts</button>
${filter.topic !== undefined || filter.speaker !== undefined ? html`<a href="/">Clear the filters</a>` : null}
</div>
</form>`;
}

function factItem(fact: FactRow, label: (slug: string) => string): Html {
  const differences = fact.variants.map((variant) => VARIANT_NAMES[variant.kind] ?? variant.kind);
  return html`<li class="fact" data-fact-id="${fact.id}" data-source-count="${fact.sourceCount}">
<p class="count"><strong>${fact.sourceCount}</strong> ${fact.sourceCount === 1 ? 'source' : 'sources'}</p>
<div class="fact-body">
<p class="statement"><a href="${urls.fact(fact.id)}">${fact.statement}</a></p>
<p class="fact-meta">${plural(fact.claimCount, 'claim')}${fact.topics.length ? html` · ${fact.topics.map((slug, index) => html`${index ? ', ' : ''}<a href="${urls.facts({ topic: slug })}">${label(slug)}</a>`)}` : null}${
    differences.length ? html` · <span class="discrepancy">Sources differ on the ${differences.join(', ')}</span>` : null
  }</p>
</div>
</li>`;
}

/** What the list shows, in words: "Facts about Fentanyl that Joe Biden states". */
function heading(filter: FactsFilter, label: (slug: string) => string): string {
  const about = filter.topic === undefined ? '' : ` about ${label(filter.topic)}`;
  const by = filter.speaker === undefined ? '' : ` that ${filter.speaker} states`;
  return about || by ? `Facts${about}${by}` : 'All facts';
}

/** `/`: facts ranked by how many sources state them, as GET /facts ranks them, with filters and pages. */
export function factsPage(view: FactsView): Html {
  const label = topicLabels(view.topics);
  const { filter, facts, nextCursor } = view;
  const body = html`<h1>Facts, most corroborated first</h1>
<p class="lede">Claims from different articles, grouped by the fact they state and ranked by how many sources state it. Open a fact to read each source's wording side by side, highlighted in the article's own text.</p>
${filters(view)}
<section aria-labelledby="results-heading">
<h2 id="results-heading">${heading(filter, label)}${view.first ? '' : ', continued'}</h2>
${
  facts.length
    ? html`<ol class="facts">
${facts.map((fact) => factItem(fact, label))}
</ol>`
    : html`<p class="empty">No fact matches these filters.</p>`
}
${pages(view.first ? null : urls.facts(filter), nextCursor === null ? null : urls.facts({ ...filter, cursor: nextCursor }))}
</section>`;
  return layout({ title: heading(filter, label), section: 'facts', body });
}
