/**
 * The reader's one stylesheet, served at /read/style.css: the pages' CSP allows styles from this server
 * only, never inline. Kept as a module so the build carries it into dist/ with the code. Colours keep
 * text at 4.5:1 or more against its background and the focus ring at 3:1 or more.
 */
export const STYLESHEET = `:root {
  --text: #1a1a1a;
  --muted: #555;
  --link: #0b57d0;
  --rule: #d0d0d0;
  --panel: #f6f6f4;
  --mark: #ffe27a;
  --removed-text: #7a2020;
  --removed-back: #fbeaea;
  --differ: #a1260d;
  --focus: #b45309;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; line-height: 1.5; color: var(--text); background: #fff; }
body { margin: 0; }
a { color: var(--link); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
main:focus { outline: none; }
.skip-link { position: absolute; left: 0.5rem; top: -10rem; padding: 0.5rem 1rem; background: #fff; border: 2px solid var(--text); z-index: 10; }
.skip-link:focus { top: 0.5rem; }
.site-header, .site-footer, main { padding: 0 max(1rem, calc((100% - 80rem) / 2)); }
.site-header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.5rem 2rem; border-bottom: 1px solid var(--rule); padding-top: 0.75rem; padding-bottom: 0.75rem; }
.site-name { margin: 0; font-weight: 700; font-size: 1.2rem; }
.site-name a { color: var(--text); text-decoration: none; }
.tagline { font-weight: 400; font-size: 0.9rem; color: var(--muted); margin-left: 0.5rem; }
.site-header ul { display: flex; gap: 1.25rem; list-style: none; margin: 0; padding: 0; }
.site-header a[aria-current="page"] { font-weight: 700; color: var(--text); }
main { padding-top: 1rem; padding-bottom: 2rem; }
.site-footer { border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.9rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 0.75rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.5rem; }
.lede { max-width: 50rem; color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.75rem 1.5rem; padding: 0.75rem 1rem; background: var(--panel); border: 1px solid var(--rule); border-radius: 4px; }
.field { display: flex; flex-direction: column; gap: 0.25rem; }
.field label { font-weight: 600; }
select, button { font: inherit; padding: 0.35rem 0.5rem; border: 1px solid #767676; border-radius: 4px; background: #fff; color: var(--text); max-width: 100%; }
button { background: var(--text); color: #fff; border-color: var(--text); cursor: pointer; padding: 0.35rem 1rem; }
.actions { display: flex; gap: 1rem; align-items: baseline; }
ol.facts, ol.claims { list-style: none; padding: 0; margin: 0; }
li.fact { display: flex; gap: 1rem; padding: 0.75rem 0; border-bottom: 1px solid var(--rule); }
li.fact .count { margin: 0; min-width: 5.5rem; color: var(--muted); font-size: 0.9rem; }
li.fact .count strong { display: block; font-size: 1.5rem; line-height: 1; color: var(--text); }
.statement { margin: 0 0 0.25rem; font-size: 1.05rem; }
.fact-meta, .claim-meta, .source-meta { color: var(--muted); font-size: 0.9rem; margin: 0; }
.discrepancy { color: var(--differ); font-weight: 600; }
.pages { display: flex; gap: 1.5rem; margin-top: 1rem; }
.empty, .note { color: var(--muted); }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.75rem 0.35rem 0; border-bottom: 1px solid var(--rule); }
thead th { font-size: 0.9rem; color: var(--muted); }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; align-items: start; }
.wording { border: 1px solid var(--rule); border-radius: 4px; padding: 0 1rem 0.5rem; background: #fff; }
.wording h3 { margin-top: 0.75rem; }
.gives { font-size: 0.9rem; background: var(--panel); padding: 0.25rem 0.75rem; border-left: 3px solid var(--differ); }
.gives p, .gives ul { margin: 0.25rem 0; }
.gives ul { padding-left: 1.25rem; }
.kind { font-weight: 600; }
.article { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, "Noto Serif", serif; font-size: 1rem; line-height: 1.6; }
.article.excerpt { margin: 0.75rem 0; padding-left: 0.75rem; border-left: 3px solid var(--rule); }
#article-text { max-width: 48rem; }
mark { background: var(--mark); color: var(--text); padding: 0 0.1em; }
mark.off-event { background: #e6e6e6; }
span.variant { text-decoration: underline wavy var(--differ) 2px; text-underline-offset: 3px; font-weight: 700; }
del.removed { color: var(--removed-text); background: var(--removed-back); text-decoration: line-through; }
del.removed::after { content: " [" attr(data-reason) "]"; font-family: system-ui, sans-serif; font-size: 0.8rem; text-decoration: none; display: inline-block; }
.claim-notes { font-size: 0.9rem; color: var(--muted); padding-left: 1.25rem; }
ol.claims li { padding: 0.5rem 0; border-bottom: 1px solid var(--rule); }
.claim-text { margin: 0 0 0.25rem; }
.source-meta { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
.source-meta div { display: flex; gap: 0.4rem; }
.source-meta dt { font-weight: 600; }
.source-meta dd { margin: 0; }
.notice { padding: 0.5rem 1rem; margin: 1rem 0; border-left: 4px solid var(--differ); background: var(--removed-back); }
.notice p { margin: 0.25rem 0; }
.off-event-label { color: var(--differ); font-weight: 600; }
.removed-text { font-family: Georgia, "Noto Serif", serif; }
.reason { font-family: ui-monospace, monospace; font-size: 0.9rem; }
`;
