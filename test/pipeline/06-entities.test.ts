import { fileURLToPath } from 'node:url';
import t from 'tap';
import { loadLexicon } from '../../src/lexicon.js';
import { compileEntities, findEntities, type EntityDefinition } from '../../src/pipeline/06-entities/index.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

const ENTITIES: EntityDefinition[] = [
  { name: 'Joe Biden', kind: 'person', aliases: ['Biden', 'President Biden', 'President Joe Biden'] },
  { name: 'Xi Jinping', kind: 'person', aliases: ['Xi', 'President Xi'] },
  { name: 'BBC', kind: 'organisation', aliases: ['the BBC'] },
  { name: "People's Liberation Army", kind: 'organisation', aliases: ['PLA'] },
  { name: 'United States', kind: 'place', aliases: ['the United States', 'US', 'U.S.', 'USA', 'America'] },
  { name: 'China', kind: 'place', aliases: ["People's Republic of China", 'mainland China'] },
  { name: 'Taiwan', kind: 'place', aliases: ['Republic of China'] },
  { name: 'Taiwan Strait', kind: 'place', aliases: [] },
  { name: 'Latin America', kind: 'place', aliases: [] },
  { name: 'Xi\u2019an', kind: 'place', aliases: [] },
];

t.test('compileEntities maps each written form to its entity', async (t) => {
  const rows: Array<[EntityDefinition[], Array<[string, string]>]> = [
    [
      [{ name: 'BBC', kind: 'organisation', aliases: ['the BBC', 'British media BBC'] }],
      // "the BBC" is the same form as "BBC" once its article is dropped.
      [
        ['British media BBC', 'BBC'],
        ['BBC', 'BBC'],
      ],
    ],
    [
      [{ name: 'China', kind: 'place', aliases: ['mainland China'] }],
      // A lower-case form also matches capitalised, at the start of a sentence.
      [
        ['Mainland China', 'China'],
        ['mainland China', 'China'],
        ['China', 'China'],
      ],
    ],
    // Curly apostrophes and dashes read as their plain forms, runs of spaces as one; the canonical name stays as written.
    [
      [{ name: 'People\u2019s  Army', kind: 'organisation', aliases: ['Asia\u2013Pacific'] }],
      [
        ["People's Army", 'People\u2019s  Army'],
        ['Asia-Pacific', 'People\u2019s  Army'],
      ],
    ],
    // The first entity to claim a form keeps it.
    [
      [
        { name: 'Georgia', kind: 'place', aliases: [] },
        { name: 'Georgia Smith', kind: 'person', aliases: ['Georgia'] },
      ],
      [
        ['Georgia Smith', 'Georgia Smith'],
        ['Georgia', 'Georgia'],
      ],
    ],
    [[], []],
  ];
  for (const [definitions, expected] of rows) {
    const compiled = compileEntities(definitions);
    const forms = [...compiled.entityOf].map(([form, { entity }]) => [form, entity] as [string, string]);
    const byLength = forms.sort(([a], [b]) => b.length - a.length || (a < b ? -1 : 1));
    t.same(byLength, expected, JSON.stringify(definitions));
    t.equal(compiled.pattern === null, definitions.length === 0, 'no pattern only for an empty list');
  }
});

t.test('findEntities finds whole-word mentions; the longest name wins where names overlap', async (t) => {
  const entities = compileEntities(ENTITIES);
  const rows: Array<[string, Array<[string, string]>]> = [
    ['Biden met Xi in California.', [['Biden', 'Joe Biden'], ['Xi', 'Xi Jinping']]],
    // A title and name are one mention.
    ['President Joe Biden met President Xi.', [['President Joe Biden', 'Joe Biden'], ['President Xi', 'Xi Jinping']]],
    // Possessives: the mention stops before the "'s", curly or straight.
    ["Biden's aides met Xi\u2019s team.", [['Biden', 'Joe Biden'], ['Xi', 'Xi Jinping']]],
    // "US" the country, never "us" the pronoun nor part of "USE" or "USA".
    ['Let us use the USE flag in the US.', [['US', 'United States']]],
    ['The USA and the U.S. are one country.', [['USA', 'United States'], ['U.S.', 'United States']]],
    ['US officials told us nothing.', [['US', 'United States']]],
    // Hyphenated pairs are two mentions.
    ['U.S.-China relations improved.', [['U.S.', 'United States'], ['China', 'China']]],
    ['US-China talks resumed.', [['US', 'United States'], ['China', 'China']]],
    ['The then-US speaker went to Taiwan.', [['US', 'United States'], ['Taiwan', 'Taiwan']]],
    // Taiwan Strait is not also Taiwan; Taiwan on its own still is.
    ['Peace in the Taiwan Strait matters to Taiwan.', [['Taiwan Strait', 'Taiwan Strait'], ['Taiwan', 'Taiwan']]],
    ['Peace in the Taiwan Strait\u2019s waters.', [['Taiwan Strait', 'Taiwan Strait']]],
    // The longer name wins even when a shorter one starts later inside it.
    ["The People's Republic of China replied.", [["People's Republic of China", 'China']]],
    ['The Republic of China replied.', [['Republic of China', 'Taiwan']]],
    ['Latin America watched.', [['Latin America', 'Latin America']]],
    // A leading article is not part of the mention.
    ['The BBC reports that the BBC was told.', [['BBC', 'BBC'], ['BBC', 'BBC']]],
    ['Mainland China and mainland China.', [['Mainland China', 'China'], ['mainland China', 'China']]],
    // Names inside other words are not mentions.
    ['Americans and Chinese officials met Bidenomics fans in Taiwanese towns.', []],
    ['The Xi\u2019an office and Xiamen port.', [['Xi\u2019an', 'Xi\u2019an']]],
    ['The PLAN is not the PLA.', [['PLA', "People's Liberation Army"]]],
    // Letters and digits beyond ASCII are word characters too; other scripts' punctuation is not.
    ['ÉChina, 2China, Chinaé and ЖChina are other words; «China» and 、China。 are not.', [['China', 'China'], ['China', 'China']]],
    ["Xi'é and é'Xi are other words.", []],
    ['Fine china and a bidet.', []],
    // Case matters for names written with capitals.
    ['biden and xi and taiwan', []],
    // Line-initial, line-final and next to punctuation.
    ['China', [['China', 'China']]],
    ['\u201cBiden,\u201d (Xi) [US]', [['Biden', 'Joe Biden'], ['Xi', 'Xi Jinping'], ['US', 'United States']]],
    // Extra spaces inside a name, non-breaking or doubled.
    ['President\u00a0Joe  Biden spoke.', [['President\u00a0Joe  Biden', 'Joe Biden']]],
    ['', []],
  ];
  for (const [text, expected] of rows) {
    const mentions = findEntities(text, entities);
    t.same(
      mentions.map((mention) => [text.slice(mention.start, mention.end), mention.entity]),
      expected,
      JSON.stringify(text),
    );
  }
  t.same(findEntities('Biden met Xi.', compileEntities([])), [], 'an empty list finds nothing');
});

t.test('each mention carries its kind and offsets into the claim text', async (t) => {
  t.same(findEntities('The PLA shadowed US ships off Taiwan, Biden said.', compileEntities(ENTITIES)), [
    { entity: "People's Liberation Army", kind: 'organisation', start: 4, end: 7 },
    { entity: 'United States', kind: 'place', start: 17, end: 19 },
    { entity: 'Taiwan', kind: 'place', start: 30, end: 36 },
    { entity: 'Joe Biden', kind: 'person', start: 38, end: 43 },
  ]);
});

t.test('the seed entity list tags the names the seed articles use', async (t) => {
  const { entities, lexicon } = loadLexicon(SEEDS);
  const rows: Array<[string, Array<[string, string, string]>]> = [
    [
      'Following a visit to Taiwan by then US House of Representatives Speaker Nancy Pelosi.',
      [
        ['Taiwan', 'Taiwan', 'place'],
        ['US House of Representatives', 'US House of Representatives', 'organisation'],
        ['Nancy Pelosi', 'Nancy Pelosi', 'person'],
      ],
    ],
    [
      'While the meeting at the Asia-Pacific Economic Co-operation (APEC) summit had high expectations.',
      [
        ['Asia-Pacific Economic Co-operation', 'APEC', 'organisation'],
        ['APEC', 'APEC', 'organisation'],
      ],
    ],
    [
      'Visits by U.S. cabinet officials to Beijing and Chinese Foreign Minister Wang Yi\u2019s trip to Washington.',
      [
        ['U.S.', 'United States', 'place'],
        ['Beijing', 'Beijing', 'place'],
        ['Chinese Foreign Minister Wang Yi', 'Wang Yi', 'person'],
        ['Washington', 'Washington', 'place'],
      ],
    ],
    ['Talks in Washington, D.C., and Washington DC.', [['Washington, D.C.', 'Washington', 'place'], ['Washington DC', 'Washington', 'place']]],
    [
      'Biden met Xi in Woodside, California, at the Filoli estate, reported the Washington Post.',
      [
        ['Biden', 'Joe Biden', 'person'],
        ['Xi', 'Xi Jinping', 'person'],
        ['Woodside', 'Woodside', 'place'],
        ['California', 'California', 'place'],
        ['Filoli estate', 'Filoli', 'place'],
        ['Washington Post', 'Washington Post', 'organisation'],
      ],
    ],
    [
      'Israel\u2019s operation in Gaza, following Hamas\'s massacres in southern Israeli communities.',
      [
        ['Israel', 'Israel', 'place'],
        ['Gaza', 'Gaza', 'place'],
        ['Hamas', 'Hamas', 'organisation'],
      ],
    ],
    [
      'The Pentagon said the PLA and the Chinese Foreign Ministry were told.',
      [
        ['Pentagon', 'Pentagon', 'organisation'],
        ['PLA', "People's Liberation Army", 'organisation'],
        ['Chinese Foreign Ministry', 'Chinese Foreign Ministry', 'organisation'],
      ],
    ],
  ];
  for (const [text, expected] of rows) {
    t.same(
      findEntities(text, lexicon.entities).map((mention) => [text.slice(mention.start, mention.end), mention.entity, mention.kind]),
      expected,
      JSON.stringify(text),
    );
  }
  t.same(
    [...new Set(entities.map((entity) => entity.kind))],
    ['person', 'organisation', 'place'],
    'the list names people, organisations and places',
  );
});

t.test('places are not speakers: attribution keeps the people and organisations only', async (t) => {
  const { entities, lexicon } = loadLexicon(SEEDS);
  const speakers = new Set(lexicon.aliases.canonical.values());
  t.same(
    entities.filter((entity) => speakers.has(entity.name)).map((entity) => entity.name),
    entities.filter((entity) => entity.kind !== 'place').map((entity) => entity.name),
  );
});

t.test('the entity list is rejected when one name would name two entities', async (t) => {
  const taxonomy = 'topics:\n  - { slug: talks, label: Talks, description: Talks., terms: [talk] }\n';
  const rows: Array<[string, RegExp | null]> = [
    ['people:\n  Joe Biden: [Biden]\nplaces:\n  Bidenville: []\n', null],
    ['people:\n  George Washington: [Washington]\nplaces:\n  Washington: []\n', /places\.Washington: "Washington" already names George Washington/],
    ['organisations:\n  BBC: [the BBC]\n  British Broadcasting: [The bbc]\n', /organisations\.British Broadcasting: "The bbc" already names BBC/],
    ['places:\n  China: []\n  Taiwan: [china]\n', /places\.Taiwan: "china" already names China/],
    ['places:\n  China: ~\n', null],
    ['places:\n  China: [""]\n', /places\.China\.0/],
  ];
  for (const [entities, error] of rows) {
    const dir = t.testdir({ 'taxonomy.yaml': taxonomy, 'entities.yaml': entities });
    if (error) t.throws(() => loadLexicon(dir), error, entities);
    else t.doesNotThrow(() => loadLexicon(dir), entities);
  }
});
