/** Examples for the OpenAPI document, copied from the API's real answers over the seed articles. */
export const claimExample = {
  id: 'clm_f03eb50fa2367bd9',
  sourceId: 'src_310b54533384b8b9',
  text: 'President Xi Jinping said that the success of the two countries was possible on a planet large enough for them to coexist, adding that “the success of one country is an opportunity for the other” and warned that confrontation has unbearable consequences, the BBC writes.',
  span: { start: 2257, end: 2527 },
  topics: ['bilateral-relations', 'leader-remarks'],
  speaker: 'Xi Jinping',
  quote: 'the success of one country is an opportunity for the other',
  checkworthiness: 0.75,
  factIds: [],
  entities: [
    { id: 'ent_e13cc294a4a4ed49', name: 'Xi Jinping', kind: 'person' as const, span: { start: 2257, end: 2277 } },
    { id: 'ent_a0d96cb67cd22587', name: 'BBC', kind: 'organisation' as const, span: { start: 2516, end: 2519 } },
  ],
  offEvent: false,
};

export const entityExample = {
  id: 'ent_a2c82807eb550866',
  name: 'Taiwan Strait',
  kind: 'place' as const,
  aliases: ['Taiwan Straits', 'Strait of Taiwan'],
  mentionCount: 1,
  sourceCount: 1,
};

export const entityMentionExample = {
  claimId: 'clm_5238fe14ad91021b',
  sourceId: 'src_310b54533384b8b9',
  span: { start: 2090, end: 2103 },
  text: 'Taiwan Strait',
};

export const topicExample = {
  slug: 'fentanyl',
  label: 'Fentanyl',
  description: 'Cooperation against fentanyl, its precursor chemicals and pill presses, and the overdose crisis they feed.',
  claimCount: 11,
  sourceCount: 5,
};

export const sourceExample = {
  id: 'src_310b54533384b8b9',
  fileName: '000_19a2db4b57ab717a.txt',
  url: null,
  title: 'US and China agree to resume military communication',
  publisher: 'Baltic News Network',
  author: null,
  publishedAt: null,
  claimCount: 18,
  offEvent: null,
};

export const boilerplateExample = { text: 'Share This Article', reason: 'share-widget', span: { start: 2683, end: 2701 } };

export const factExample = {
  id: 'fct_10f1bd9f57d56c12',
  statement:
    'The leaders also tackled issues such as the Israel-Gaza conflict, urging China to leverage its influence with Iran to prevent provocative actions.',
  topics: ['middle-east'],
  sourceIds: ['src_310b54533384b8b9', 'src_f03b6974d5dfe3a6', 'src_b8aface2d0f97245'],
  claimIds: ['clm_e7bffe74bd968958', 'clm_2ee860cb1110df44', 'clm_c892e7ae577d997c'],
  sourceCount: 3,
  claimCount: 3,
  variants: [] as unknown[],
};

/** The facets of /claims?topic=fentanyl&facet=topic&facet=speaker&facetSize=3 over the seeds. */
export const claimFacetsExample = {
  topic: {
    values: [
      { value: 'fentanyl', label: 'Fentanyl', count: 11 },
      { value: 'military-communication', label: 'Military communication', count: 5 },
      { value: 'taiwan', label: 'Taiwan', count: 1 },
    ],
    valueCount: 5,
    truncated: true,
  },
  speaker: {
    values: [
      { value: 'a senior US official', label: null, count: 2 },
      { value: 'Joe Biden', label: null, count: 1 },
    ],
    valueCount: 2,
    truncated: false,
  },
};

/** The facets of /facts?facet=topic&facetSize=3 over the seeds. */
export const factFacetsExample = {
  topic: {
    values: [
      { value: 'military-communication', label: 'Military communication', count: 8 },
      { value: 'bilateral-relations', label: 'Bilateral relations', count: 7 },
      { value: 'taiwan', label: 'Taiwan', count: 4 },
    ],
    valueCount: 11,
    truncated: true,
  },
};
