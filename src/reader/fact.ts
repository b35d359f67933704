import type { ClaimRow, FactDetail, SourceDetail, TopicRow, VariantRow, Wording } from '../db/read-model.js';
import { VARIANT_NAMES } from './facts.js';
import { html, type Html } from './html.js';
import { claimAnchor, layout, plural, sourceName, topicLabels, urls } from './layout.js';
import { excerptAround, highlight, mergeExcerpts, type Highlight } from './text.js';

export type FactView = {
  fact: FactDetail;
  /** The sources of the fact's wordings, with their text. */
  sources: SourceDetail[];
  topics: TopicRow[];
};

const capitalised = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
const kindName = (kind: string) => capitalised(VARIANT_NAMES[kind] ?? kind);
const wordingAnchor = (sourceId: string) => `wording-${sourceId}`;

/** Where the sources disagree: one table per kind of difference, each value with the sources giving it. */
function differences(fact: FactDetail, names: Map<string, string>): Html {
  if (!fact.variants.length) {
    return html`<p>The sources agree on every value compared: place, number, date, speaker, quoted wording and hedge.</p>`;
  }
  const where = (sourceId: string) => {
    const inColumns = fact.wordings.some((wording) => wording.sourceId === sourceId);
    return html`<a href="${inColumns ? `#${wordingAnchor(sourceId)}` : urls.source(sourceId)}">${names.get(sourceId) ?? sourceId}</a>`;
  };
  return html`${fact.variants.map(
    (variant) => html`<h3 id="differs-${variant.kind}">${kindName(variant.kind)}</h3>
<table class="differences" data-kind="${variant.kind}" aria-labelledby="differs-${variant.kind}">
<thead><tr><th scope="col">What the source says</th><th scope="col">Sources</th><th scope="col">Claims</th><th scope="col">Said in</th></tr></thead>
<tbody>
${variant.values.map(
  (value) => html`<tr><th scope="row">${value.value}</th><td>${value.sourceCount}</td><td>${value.claimCount}</td><td>${[
    ...new Set(value.occurrences.map((occurrence) => occurrence.sourceId)),
  ].map((sourceId, index) => html`${index ? ', ' : ''}${where(sourceId)}`)}</td></tr>`,
)}
</tbody>
</table>`,
  )}`;
}

/** The values this source gives where the sources differ: "Hedge: discussed". */
function valuesGiven(variants: VariantRow[], sourceId: string): Html | null {
  const given = variants.flatMap((variant) =>
    variant.values
      .filter((value) => value.occurrences.some((occurrence) => occurrence.sourceId === sourceId))
      .map((value) => html`<li><span class="kind">${kindName(variant.kind)}:</span> ${value.value}</li>`),
  );
  return given.length ? html`<div class="gives"><p>Where the sources differ, this one gives:</p><ul>${given}</ul></div>` : null;
}

/** A claim's highlight: the claim in `<mark>`, and inside it the words that carry a value the sources differ on. */
function claimHighlight(claim: ClaimRow, variants: VariantRow[]): Highlight {
  const inner: Highlight[] = variants.flatMap((variant) =>
    variant.values.flatMap((value) =>
      value.occurrences
        .filter(
          (occurrence) =>
            occurrence.claimId === claim.id &&
            occurrence.span.start >= claim.span.start &&
            occurrence.span.end <= claim.span.end &&
            occurrence.span.end - occurrence.span.start < claim.span.end - claim.span.start,
        )
        .map((occurrence) => ({
          ...occurrence.span,
          wrap: (words: Html) => html`<span class="variant" data-kind="${variant.kind}">${words}</span>`,
        })),
    ),
  );
  return { ...claim.span, inner, wrap: (words) => html`<mark id="${claimAnchor(claim.id)}" data-claim-id="${claim.id}">${words}</mark>` };
}

function speakerNote(claim: ClaimRow): Html {
  return claim.speaker === null ? html`stated in the source's own voice` : html`said by <span class="speaker">${claim.speaker}</span>`;
}

/** One source's column: its name, the values it gives, and each of its claims highlighted in its paragraph. */
function column(wording: Wording, source: SourceDetail | undefined, variants: VariantRow[]): Html {
  const headingId = `${wordingAnchor(wording.sourceId)}-heading`;
  const meta = [wording.publisher, wording.publishedAt].filter((part): part is string => part !== null);
  const excerpts = source
    ? mergeExcerpts(wording.claims.map((claim) => excerptAround(source.text, claim.span))).map(
        (excerpt) =>
          html`<div class="article excerpt">${highlight(
            source.text,
            excerpt.start,
            excerpt.end,
            wording.claims.map((claim) => claimHighlight(claim, variants)),
          )}</div>`,
      )
    : wording.claims.map((claim) => html`<div class="article excerpt">${claimHighlight(claim, variants).wrap(html`${claim.text}`)}</div>`);
  return html`<section class="wording" id="${wordingAnchor(wording.sourceId)}" data-source-id="${wording.sourceId}" aria-labelledby="${headingId}">
<h3 id="${headingId}"><a href="${urls.source(wording.sourceId)}">${sourceName({ id: wording.sourceId, title: wording.title, publisher: wording.publisher, fileName: source?.fileName ?? null })}</a></h3>
${meta.length ? html`<p class="source-meta">${meta.join(' · ')}</p>` : null}
${valuesGiven(variants, wording.sourceId)}
${excerpts}
<ul class="claim-notes">
${wording.claims.map(
  (claim) => html`<li>${wording.claims.length > 1 ? html`“${claim.text.length > 60 ? `${claim.text.slice(0, 57)}…` : claim.text}”: ` : null}${speakerNote(claim)}; <a href="${urls.source(wording.sourceId)}#${claimAnchor(claim.id)}">in the whole article</a></li>`,
)}
</ul>
</section>`;
}

/** `/read/facts/{id}`: what the sources say, where they differ, and each one's wording side by side in its own text. */
export function factPage({ fact, sources, topics }: FactView): Html {
  const label = topicLabels(topics);
  const byId = new Map(sources.map((source) => [source.id, source]));
  const names = new Map(sources.map((source) => [source.id, sourceName(source)]));
  const shown = fact.wordings.reduce((count, wording) => count + wording.claims.length, 0);
  const body = html`<article class="fact-page">
<h1>${fact.statement}</h1>
<p class="fact-meta">Stated by <strong>${plural(fact.sourceCount, 'source')}</strong> in ${plural(fact.claimCount, 'claim')}${
    fact.topics.length ? html` · ${fact.topics.map((slug, index) => html`${index ? ', ' : ''}<a href="${urls.facts({ topic: slug })}">${label(slug)}</a>`)}` : null
  }${fact.variants.length ? html` · <span class="discrepancy">Sources differ</span>` : null}</p>
${shown < fact.claimCount ? html`<p class="note">This page shows the first ${shown} claims; <a href="/claims?factId=${encodeURIComponent(fact.id)}">GET /claims?factId=</a> lists all ${fact.claimCount}.</p>` : null}
<section aria-labelledby="differences-heading">
<h2 id="differences-heading">Where the sources differ</h2>
${differences(fact, names)}
</section>
<section aria-labelledby="wordings-heading">
<h2 id="wordings-heading">Each source's wording</h2>
<p class="legend">Each claim is <mark>highlighted</mark> in its article's own text; <span class="variant">underlined words</span> carry a value the sources differ on.</p>
<div class="columns">
${fact.wordings.map((wording) => column(wording, byId.get(wording.sourceId), fact.variants))}
</div>
</section>
</article>`;
  return layout({ title: fact.statement.length > 80 ? `${fact.statement.slice(0, 77)}…` : fact.statement, section: 'facts', body });
}
