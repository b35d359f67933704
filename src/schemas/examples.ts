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
  title: 'US and China agree to resume military communication',
  publisher: 'Baltic News Network',
  author: null,
  publishedAt: null,
  claimCount: 18,
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
};
