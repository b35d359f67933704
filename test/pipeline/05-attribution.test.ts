import t from 'tap';
import { attribute, collectiveName, compileAliases, extractQuote, speakerOfLabel, type Aliases } from '../../src/pipeline/05-attribution/index.js';
import { corpusSpeakerNames, documentNames, NO_NAMES, resolvePerson } from '../../src/pipeline/05-attribution/names.js';
import type { Sentence } from '../../src/pipeline/types.js';
import { laidOut } from '../helpers/sentences.js';

const ALIASES: Aliases = {
  'Ana Ruiz': ['Ruiz', 'Minister Ruiz', 'Trade Minister Ana Ruiz'],
  'Harbor Daily': ['the Harbor Daily'],
  'Lee Tan': ['Lee'],
};

/** A group name that several actors speak under. */
const WITH_GROUP: Aliases = { ...ALIASES, 'Ana Ruiz and Lee Tan': ['the ministers', 'both ministers'] };

function sentence(text: string): Sentence {
  return { start: 0, end: text.length, text, isHeadline: false };
}

t.test('compileAliases maps every name to its canonical form, longest names first', async (t) => {
  const rows: Array<[Aliases, string, Array<[string, string]>]> = [
    [
      ALIASES,
      'trade minister ana ruiz|the harbor daily|minister ruiz|harbor daily|ana ruiz|lee tan|ruiz|lee',
      [
        ['ana ruiz', 'Ana Ruiz'],
        ['ruiz', 'Ana Ruiz'],
        ['minister ruiz', 'Ana Ruiz'],
        ['trade minister ana ruiz', 'Ana Ruiz'],
        ['harbor daily', 'Harbor Daily'],
        ['the harbor daily', 'Harbor Daily'],
        ['lee tan', 'Lee Tan'],
        ['lee', 'Lee Tan'],
      ],
    ],
    // Regular-expression characters in names are escaped.
    [{ 'J.P. Port (Ltd)': ['J.P.'] }, 'j\\.p\\. port \\(ltd\\)|j\\.p\\.', [['j.p. port (ltd)', 'J.P. Port (Ltd)'], ['j.p.', 'J.P. Port (Ltd)']]],
    [{ Porto: [] }, 'porto', [['porto', 'Porto']]],
    [{}, '', []],
  ];
  for (const [aliases, pattern, canonical] of rows) {
    const compiled = compileAliases(aliases);
    t.equal(compiled.pattern, pattern, `pattern of ${JSON.stringify(aliases)}`);
    t.same([...compiled.canonical], canonical, `canonical names of ${JSON.stringify(aliases)}`);
  }
});

t.test('attribute finds who asserts each sentence', async (t) => {
  const aliases = compileAliases(ALIASES);
  const rows: Array<[string, string | null]> = [
    ['Ruiz said the tariffs would fall.', 'Ana Ruiz'],
    ['Trade Minister Ana Ruiz said the tariffs would fall.', 'Ana Ruiz'],
    ['Ruiz reportedly said the deal was final.', 'Ana Ruiz'],
    ['Ruiz, who led the delegation, said the deal was final.', 'Ana Ruiz'],
    ['The tariffs will fall, Ruiz said.', 'Ana Ruiz'],
    ['The talks ended early, Ruiz told reporters.', 'Ana Ruiz'],
    ['According to Minister Ruiz, the tariffs will fall.', 'Ana Ruiz'],
    ['According to the Harbor Daily, the talks ended early.', 'Harbor Daily'],
    ['The talks ended early, reports the Harbor Daily.', 'Harbor Daily'],
    // "Agreed to" reports an action in the reporter's voice; "agreed that" a position someone holds.
    ['After a long night, Ruiz agreed to cut tariffs.', null],
    ['After a long night, Ruiz agreed that tariffs must fall.', 'Ana Ruiz'],
    // A source frame at the head of the sentence beats an "according to" inside it.
    ['The Harbor Daily reports that the ministers met, according to Ruiz.', 'Harbor Daily'],
    // "According to X, Y said …": X relays Y's own statement.
    ['According to the Harbor Daily, Ruiz stressed that the deal was final.', 'Ana Ruiz'],
    ['According to the Harbor Daily, Ruiz signed the deal.', 'Harbor Daily'],
    // A quote's owner speaks when no main-clause attribution does.
    ['The talks covered ports, with Ruiz calling the plan "a real step".', 'Ana Ruiz'],
    ['The talks covered ports, with Ruiz calling the plan a real step.', null],
    // A name the quote gives, in the words of the one who gave it.
    ['It shows how far the port has come from what Ruiz referred to as the "lost decade" of the quay.', 'Ana Ruiz'],
    ['It shows how far the port has come from what Ruiz referred to as the lost decade.', null],
    ['A senior U.S. official told reporters that the talks ended early.', 'a senior US official'],
    ['The senior American official said the talks ended early.', 'a senior US official'],
    ['U.S. officials said the talks ended early.', 'US officials'],
    ['The ministers were told that senior administration officials said the talks ended early.', 'senior administration officials'],
    ['China warned that tariffs would hurt trade.', 'China'],
    ['Beijing stressed that the deal was final.', 'China'],
    ['Washington stressed that the deal was final.', 'the United States'],
    // These rows are one document, which names its minister: a bare role is whoever holds it.
    ['The minister called the deal \u201cfair and balanced.\u201d', 'Ana Ruiz'],
    ['The ministers met in Lisbon on Monday.', null],
    // An official of any country is found as written, never turned into a listed one.
    ['The talks ended early, according to a senior Portuguese official.', 'a senior Portuguese official'],
    ['', null],
    ['According to the USDA, exports rose 5 percent.', null],
    ['According to Chinatown merchants, sales fell.', null],
    ['According to Leeds officials, the match was moved.', null],
    ['Senior administration officials said the talks ended early.', 'senior administration officials'],
  ];
  const attributions = attribute(rows.map(([text]) => sentence(text)), aliases);
  t.equal(attributions.length, rows.length, 'one attribution per sentence');
  rows.forEach(([text, speaker], index) => t.equal(attributions[index]!.speaker, speaker, JSON.stringify(text)));
});

t.test('a pronoun after a quote, and a quotation running on into the next sentence, keep the speaker', async (t) => {
  const aliases = compileAliases(ALIASES);
  const texts = [
    'Minister Ruiz opened the new quay on Friday.',
    '"The port is open for business," she said.',
    '"It will take a year to fill it."',
    'The quay cost 40 million.',
    '"We expect more ships," Lee said.',
    '"Prices will fall."',
  ];
  // "she" is the previous sentence's subject, who then speaks on in the quotation that follows.
  t.same(attribute(texts.map(sentence), aliases).map((attribution) => attribution.speaker), [null, 'Ana Ruiz', 'Ana Ruiz', null, 'Lee Tan', 'Lee Tan']);
  const named = ['Ruiz said the quay was open.', '"The port is open for business," she said.', '"It will take a year to fill it."', 'The quay cost 40 million.'];
  t.same(attribute(named.map(sentence), aliases).map((attribution) => attribution.speaker), ['Ana Ruiz', 'Ana Ruiz', 'Ana Ruiz', null]);
});

t.test('attribute resolves a pronoun speaker to the last named speaker', async (t) => {
  const aliases = compileAliases(ALIASES);
  const rows: Array<[string[], Array<string | null>]> = [
    [
      ['Ruiz said the talks were long.', 'He also said the deal was final.'],
      ['Ana Ruiz', 'Ana Ruiz'],
    ],
    // The last named speaker carries over sentences that name no one.
    [
      ['Ruiz said the talks were long.', 'The port reopened.', 'She added that tariffs fell.'],
      ['Ana Ruiz', null, 'Ana Ruiz'],
    ],
    // A later speaker replaces the earlier one.
    [
      ['Ruiz said the talks were long.', 'Lee Tan said the port would reopen.', 'He noted the date.'],
      ['Ana Ruiz', 'Lee Tan', 'Lee Tan'],
    ],
    // No one named yet: the pronoun stays unresolved.
    [
      ['The ministers met.', 'He said the deal was final.'],
      [null, null],
    ],
    // Only a pronoun at the start followed by a speech verb refers back.
    [
      ['Ruiz said the talks were long.', 'He flew home.', 'Then he said the deal was final.'],
      ['Ana Ruiz', null, null],
    ],
    // A statement verb coordinated after an event verb; an editor's brackets; a reply.
    [
      ['Minister Ruiz opened the quay on Monday and stressed that fees would fall.', '[Lee] noted that the pilots agreed.', 'Ruiz replied, "We will see."'],
      ['Ana Ruiz', 'Lee Tan', 'Ana Ruiz'],
    ],
    // A pronoun that speaks later in the sentence is its subject, who then speaks on after a quote.
    [
      ['In the evening, Minister Ruiz visited the pilots, where she told them that fees would fall.', '"The port will stay open," she said.'],
      ['Ana Ruiz', 'Ana Ruiz'],
    ],
    [
      ['Mayor Piet Dale inspected the quay and he said it was safe.', 'The ferry left at noon.'],
      ['Piet Dale', null],
    ],
  ];
  for (const [texts, expected] of rows) {
    t.same(
      attribute(texts.map(sentence), aliases).map((attribution) => attribution.speaker),
      expected,
      JSON.stringify(texts),
    );
  }
});

t.test('attribute credits a joint statement to the group, and "They" refers back to it', async (t) => {
  const aliases = compileAliases(WITH_GROUP);
  const rows: Array<[string[], Array<string | null>]> = [
    [['Both ministers stressed that the port must reopen.', 'They agreed that tariffs would fall.'], ['Ana Ruiz and Lee Tan', 'Ana Ruiz and Lee Tan']],
    // An event verb is no statement, whoever its subject.
    [['The ministers discussed the port.', 'The ministers agreed to reopen it.'], [null, null]],
  ];
  for (const [texts, expected] of rows) {
    t.same(attribute(texts.map(sentence), aliases).map((attribution) => attribution.speaker), expected, JSON.stringify(texts));
  }
});

t.test('a line that carries on a broken sentence keeps its speaker', async (t) => {
  const aliases = compileAliases(ALIASES);
  const rows: Array<[string[], Array<string | null>]> = [
    // The continuation inherits the attribution of the line it continues.
    [['Ruiz described the deal as fair, but called the port a risk,', 'underlining the cost of delays.'], ['Ana Ruiz', 'Ana Ruiz']],
    // "… Lee described as" hands the next line's words to Lee, whoever frames the sentence.
    [['The Harbor Daily reports that the ministers met on the port, which Lee described as', '\u201cthe best deal in years\u201d.'], ['Harbor Daily', 'Lee Tan']],
    // A new sentence after a finished one is no continuation.
    [['Ruiz said the port would reopen.', 'the ferry ran late.'], ['Ana Ruiz', null]],
  ];
  for (const [texts, expected] of rows) {
    t.same(attribute(texts.map(sentence), aliases).map((attribution) => attribution.speaker), expected, JSON.stringify(texts));
  }
});

t.test('attribute finds speakers no list names, by the shape of reported speech', async (t) => {
  const aliases = compileAliases(ALIASES);
  const rows: Array<[string, string | null]> = [
    ['Mayor Lena Brandt said the harbour would reopen in May.', 'Lena Brandt'],
    ['"We will rebuild the quay," said Councillor Tomas Ek, who chairs the port committee.', 'Tomas Ek'],
    ['The fees will fall by a third, according to the city\u2019s finance department.', "the city's finance department"],
    ['Dredging will take two more years, port analysts say.', 'port analysts'],
    ['City officials said the ferry would run every hour.', 'City officials'],
    ['Prime Minister Ana Ruiz told reporters the deal was done.', 'Ana Ruiz'],
    ['Minister Ruiz said the tariffs would fall.', 'Ana Ruiz'],
    // Reporting verbs beyond "said": what a speaker points out or objects to is their statement.
    ['Ruiz pointed out that the fees had fallen twice.', 'Ana Ruiz'],
    ['Lee objected to the new harbour fees.', 'Lee Tan'],
    // An honorific before a listed surname, at the head of the sentence or after a phrase.
    ['Ms. Ruiz, for her part, told the pilots that fees would fall.', 'Ana Ruiz'],
    ['After the vote, Mr. Lee told reporters that the quay was safe.', 'Lee Tan'],
    // Any statement verb; a surname or title form resolves to the full name the document uses.
    ['Mayor Brandt reaffirmed that the harbour would reopen in May.', 'Lena Brandt'],
    ['Brandt underscored that the quay was safe.', 'Lena Brandt'],
    // An institution speaks too, and the day after its verb does not hide it.
    ['The ferry will run all winter, the Harbour Commission said Wednesday.', 'the Harbour Commission'],
    // A long participial lead-in still leaves the main clause's speaker.
    ['Describing the storm season as the hardest test of the port in decades, Brandt noted that the quay held.', 'Lena Brandt'],
    // After a closing quote, the speaker may take an acronym before the title and say more after the verb.
    ['"We have delivered a record year," PCA Director Ivo Saar said at the opening to applause.', 'Ivo Saar'],
    // Hyphenated names, and the subject of a main clause whose participle brings the quote.
    ['"We have delivered a record year," Port Director Sami Al-Rashid said at the opening.', 'Sami Al-Rashid'],
    ['Mayor Ona Lind welcomed the deal on Friday, calling it "a new era for the port".', 'Ona Lind'],
    ['Mayor Ona Lind agreed, declaring the "sky is the limit" for the port.', 'Ona Lind'],
    // A demonym or a possessive before the title names whose title it is, not the person.
    ['Nordish Premier Ivo Saar said the ferry would run all winter.', 'Ivo Saar'],
    ['"The quay is safe," said Norland\u2019s Minister Ada Vik.', 'Ada Vik'],
    // Not reported speech: a name, a group or "said" alone is no speaker.
    ['Lena Brandt visited the harbour on Monday.', null],
    ['The officials visited the harbour on Monday.', null],
    ['The ferry said to be the oldest in service was retired.', null],
  ];
  const attributions = attribute(rows.map(([text]) => sentence(text)), aliases);
  rows.forEach(([text, speaker], index) => t.equal(attributions[index]!.speaker, speaker, text));
});

t.test('speakerOfLabel names a transcript label by the entity list, or in ordinary capitals', async (t) => {
  const aliases = compileAliases(ALIASES);
  const rows: Array<[string, string]> = [
    ['MINISTER RUIZ', 'Ana Ruiz'],
    ['TRADE MINISTER ANA RUIZ', 'Ana Ruiz'],
    ['MR. LEE', 'Lee Tan'],
    ['DR.  LEE', 'Lee Tan'],
    // Titles and honorifics are not part of a name the list does not know.
    ['SECRETARY GENERAL DALE', 'Dale'],
    ["MS. O'NEILL-BRANDT", "O'Neill-Brandt"],
    // A label naming nobody stays as written.
    ['MODERATOR', 'Moderator'],
    ['THE PRESIDENT', 'The President'],
  ];
  for (const [label, speaker] of rows) t.equal(speakerOfLabel(label, aliases), speaker, label);
});

t.test('documentNames reads full names and roles, without possessives or titles taken for first names', async (t) => {
  const names = documentNames('Readout of President Ona Lind\u2019s Call with President Piet Dale', ['President Lind reaffirmed the port deal.']);
  t.same(names.fullNames, ['Ona Lind', 'Piet Dale']);
  t.same([...names.byRole], [['president', 'Ona Lind']]);
  const aliases = compileAliases({ 'Sultan Al Noor': ['Al Noor'] });
  t.equal(resolvePerson('President Lind', names, aliases), 'Ona Lind', 'a title and surname resolve to the full name');
  t.equal(resolvePerson('Port Chief Sultan Al-Noor', NO_NAMES, aliases), 'Sultan Al Noor', 'a hyphen or a space is one name');
});

t.test('speakerOfLabel resolves a surname or a bare role by the names the document uses', async (t) => {
  const aliases = compileAliases(ALIASES);
  const names = documentNames('Remarks by President Ona Lind and Secretary General Piet Dale at the Harbour Forum', [
    'Thank you, Piet Dale, for hosting us.',
    'Commissioner Vera Okoro will speak next.',
  ]);
  const rows: Array<[string, string]> = [
    ['THE PRESIDENT', 'Ona Lind'],
    ['PRESIDENT LIND', 'Ona Lind'],
    ['SECRETARY GENERAL DALE', 'Piet Dale'],
    ['THE SECRETARY GENERAL', 'Piet Dale'],
    ['COMMISSIONER OKORO', 'Vera Okoro'],
    // The entity list still wins, and a role nobody in the document holds stays as written.
    ['MINISTER RUIZ', 'Ana Ruiz'],
    ['THE PRIME MINISTER', 'The Prime Minister'],
    ['MR. HALVORSEN', 'Halvorsen'],
  ];
  for (const [label, speaker] of rows) t.equal(speakerOfLabel(label, aliases, names), speaker, label);
});

t.test('a bare role several listed people hold is the one the document names', async (t) => {
  const presidents = compileAliases({ 'Ona Lind': ['Lind', 'President Lind'], 'Piet Dale': ['Dale', 'President Dale'] });
  const namesLind = documentNames('Remarks at the Harbour Forum', ['Ona Lind welcomed the pilots.'], presidents);
  t.equal(speakerOfLabel('THE PRESIDENT', presidents, namesLind), 'Ona Lind');
  const namesBoth = documentNames('Remarks at the Harbour Forum', ['Lind and Dale welcomed the pilots.'], presidents);
  t.equal(speakerOfLabel('THE PRESIDENT', presidents, namesBoth), 'The President', 'both named: neither');
  t.equal(speakerOfLabel('THE PRESIDENT', presidents), 'The President', 'nobody named: neither');
});

t.test('a statement or speech issued in a name speaks for its issuer or signatories throughout', async (t) => {
  const aliases = compileAliases(ALIASES);
  const rows: Array<{ title: string | null; texts: string[]; speakers: Array<string | null> }> = [
    {
      title: 'Statement by Minister Ruiz on the Harbour Fire',
      texts: ['I am grateful to the crews who fought the fire.', 'The fire destroyed two warehouses.', 'Lee said the port would reopen.'],
      speakers: ['Ana Ruiz', 'Ana Ruiz', 'Lee Tan'],
    },
    // A possessive label titles a person's own words; a lead line can say whose words follow.
    {
      title: 'Port Commissioner Vera Okoro\u2019s press encounter at the Harbour Forum',
      texts: ['Good morning.', 'Our port must stay open through the winter.'],
      speakers: ['Vera Okoro', 'Vera Okoro'],
    },
    {
      title: 'Harbour chief makes plea for more dredging',
      texts: ['The following is a transcript of remarks made by Port Director Ivo Saar during a press conference on Friday.', 'We must start dredging this year.'],
      // The editor's lead line is not part of the remarks.
      speakers: [null, 'Ivo Saar'],
    },
    // A headline about someone's remarks is news about them, not their words.
    { title: 'Okoro\u2019s remarks draw criticism from shippers', texts: ['Shipping analysts said the fees were too high.', 'The port opened in 1910.'], speakers: ['Shipping analysts', null] },
    // A bare role is the person the entity list writes with it.
    { title: null, texts: ['In her remarks, the Minister told the pilots that fees would fall.'], speakers: ['Ana Ruiz'] },
    {
      title: 'Remarks by Mayor Ona Lind at the Opening of the Ferry Terminal',
      texts: ['We will run a ferry every hour from June.', 'My thanks go to the builders.'],
      speakers: ['Ona Lind', 'Ona Lind'],
    },
    {
      title: 'Joint Statement from Norland and Sudmark on River Shipping',
      texts: ['Norland and Sudmark will open the river to each other’s ships.', 'We call for a new treaty by 2030.'],
      speakers: ['Norland and Sudmark', 'Norland and Sudmark'],
    },
    // In a joint text, "the leaders" are its signatories.
    {
      title: 'Joint Statement of Norland and Sudmark',
      texts: ['The leaders reaffirmed that the river stays open.', 'Shipping analysts said fees would rise.'],
      speakers: ['Norland and Sudmark', 'Shipping analysts'],
    },
    {
      title: 'Harbour Forum Leaders’ Declaration',
      texts: ['We, the leaders, commit to cleaner ports.', 'Shipping emits a growing share of carbon.'],
      speakers: ['Harbour Forum Leaders', 'Harbour Forum Leaders'],
    },
    // Signed by people in person: the text speaks for them by name.
    {
      title: 'Norland-Vell Joint Statement on Ferry Safety',
      texts: ['We, President of Norland Ona Lind and President of the Republic of Vell Piet Dale, note that ferries must be safe.', 'We will inspect every ferry.'],
      speakers: ['Ona Lind and Piet Dale', 'Ona Lind and Piet Dale'],
    },
    // A statement two parties issue, or a joint one naming its parties after "of", speaks for both.
    {
      title: 'Statement by Norland and the Port of Sudmark on Ferry Safety',
      texts: ['We will inspect every ferry before the summer.'],
      speakers: ['Norland and the Port of Sudmark'],
    },
    {
      title: 'Joint Statement of Norland and the Republic of Sudmark',
      texts: ['We will open the river to each other’s ships.'],
      speakers: ['Norland and the Republic of Sudmark'],
    },
    // "Of" names the parties only when it names two: a declaration of principles has no author in its title.
    { title: 'Declaration of Principles for River Shipping', texts: ['Rivers are shared by all.'], speakers: [null] },
    // Two people's remarks without labels: the first named opens them. A readout and a report speak in their own voice.
    { title: 'Remarks by Mayor Ona Lind and Minister Ruiz', texts: ['We agreed on the budget.'], speakers: ['Ona Lind'] },
    { title: 'Joint press conference by Minister Ruiz and Mayor Ona Lind', texts: ['Our fees fall in March.'], speakers: ['Ana Ruiz'] },
    { title: 'Readout of Minister Ruiz’s Call with Mayor Lind', texts: ['We agreed on the budget.'], speakers: [null] },
    { title: 'Ferry fares to fall', texts: ['We asked the operator about fares.'], speakers: [null] },
  ];
  for (const { title, texts, speakers } of rows) {
    t.same(attribute(laidOut(texts), aliases, title).map((attribution) => attribution.speaker), speakers, title ?? 'no title');
  }
});

t.test('collectiveName names a group of states by its signatories, without its host city', async (t) => {
  const rows: Array<[string, string]> = [
    ['the Leaders of the LWC3', 'LWC3 Leaders'],
    ['Heads of State and Government of the LWC', 'LWC Heads of State and Government'],
    ['LWC3 Port Alder Leaders', 'LWC3 Leaders'],
    ['LWC Lakeshore Foreign Ministers', 'LWC Foreign Ministers'],
    // A group named in words, or parties named one by one, stay as written.
    ['the Leaders of the Lakeshore Water Council (LWC)', 'Leaders of the Lakeshore Water Council (LWC)'],
    ['Norland and the Republic of Sudmark', 'Norland and the Republic of Sudmark'],
    ['Harbour Forum Leaders', 'Harbour Forum Leaders'],
  ];
  for (const [issuer, name] of rows) t.equal(collectiveName(issuer), name, issuer);
});

t.test('in a transcript of several people, labels decide and a line outside any turn has no speaker', async (t) => {
  const aliases = compileAliases(ALIASES);
  const texts: Sentence[] = [sentence('The ministers met for an hour.'), { ...sentence('Fees fall in March.'), turn: 'Mayor Lind' }];
  t.same(
    attribute(texts, aliases, 'Joint press conference by Minister Ruiz and Mayor Ona Lind').map((attribution) => attribution.speaker),
    [null, 'Ona Lind'],
  );
});

t.test('a label is the person the whole document names for it, lines that are no claim included', async (t) => {
  const aliases = compileAliases(ALIASES);
  const inTurn = (text: string, turn: string, start: number): Sentence => ({ ...sentence(text), start, end: start + text.length, turn });
  const context = [
    inTurn('My name is Ada Vik and thank you for coming.', 'MODERATOR', 0),
    inTurn('I\u2019m pleased to introduce Piet Dale, our harbour master.', 'MODERATOR', 50),
    inTurn('Today we preview the ferry season.', 'MODERATOR', 110),
    inTurn('The ferry runs from May.', 'MR DALE', 150),
  ];
  const claims = [context[2]!, context[3]!];
  t.same(
    attribute(claims, aliases, null, null, context).map((attribution) => attribution.speaker),
    ['Ada Vik', 'Piet Dale'],
  );
});

t.test('a label is named by the first name the next speaker thanks it by', async (t) => {
  const aliases = compileAliases(ALIASES);
  const inTurn = (text: string, turn: string, start: number): Sentence => ({ ...sentence(text), start, end: start + text.length, turn });
  const context = [
    inTurn('The ferry season opens in May.', 'MS. VIK', 0),
    inTurn('Go ahead, Piet.', 'MS. VIK', 40),
    inTurn('Thank you, Ada.', 'MR. DALE', 60),
    inTurn('The quay is ready.', 'MR. DALE', 80),
    // Thanks within one turn, or by a name the label already has in full, name nobody.
    inTurn('Thanks, Lee.', 'MR. DALE', 100),
    inTurn('Fees fall in March.', 'MINISTER RUIZ', 120),
    inTurn('Thank you, Ana.', 'MS. OKORO', 140),
  ];
  t.same(
    attribute(context, aliases).map((attribution) => attribution.speaker),
    ['Ada Vik', 'Ada Vik', 'Dale', 'Dale', 'Dale', 'Ana Ruiz', 'Okoro'],
  );
});

t.test('a nationality, an auxiliary, a dateline and other frames do not hide the speaker', async (t) => {
  const aliases = compileAliases(ALIASES);
  const rows: Array<[string, string | null]> = [
    ['Norlandish Trade Minister Ana Ruiz told Mayor Ona Lind on Monday that fees would fall.', 'Ana Ruiz'],
    ['U.S. Envoy Piet Dale said the talks were useful.', 'Piet Dale'],
    ['Ruiz has described the talks as "frank" and said fees would fall.', 'Ana Ruiz'],
    ['Lee Tan made clear that the quay stays open.', 'Lee Tan'],
    ['In the words of Ruiz herself, "The port is the city."', 'Ana Ruiz'],
    ['A senior administration official said the ferry would run daily.', 'a senior administration official'],
    ['US administration officials said the ferry would run daily.', 'US administration officials'],
    ['A White House official said the ferry would run daily.', 'a White House official'],
    ['A U.S. official said the ferry would run daily.', 'a US official'],
    // Abbreviated and ceremonial titles, an office of several words, an aside after a surname.
    ['PM Ruiz said the ferry would run daily.', 'Ana Ruiz'],
    ['H.E. Mr. Piet Dale said the ferry would run daily.', 'Piet Dale'],
    ['Secretary of State Ona Berg said the ferry would run daily.', 'Ona Berg'],
    ['External Affairs Minister Ona Berg said the ferry would run daily.', 'Ona Berg'],
    ['Ruiz, speaking at the quay, said the ferry would run daily.', 'Ana Ruiz'],
    ['The ferry would run daily, according to a statement from the harbour ministry.', 'the harbour ministry'],
    // A readout's verbs of statement; some state only with "that" ("responded with drills" is an act).
    ['Ona Berg elaborated on the plan for cheaper ferries.', 'Ona Berg'],
    ['Ona Berg recalled that the quay opened decades ago.', 'Ona Berg'],
    ['Ona Berg responded with a visit to the quay.', null],
  ];
  for (const [text, speaker] of rows) t.equal(attribute(laidOut([text]), aliases)[0]!.speaker, speaker, text);
});

t.test('a pronoun that speaks is the previous sentence\u2019s subject before the last speaker', async (t) => {
  const aliases = compileAliases(ALIASES);
  const texts = [
    'Lee Tan said the port would reopen.',
    'At the summit, Ruiz hopes to speak about ferries.',
    'She says she wants cheaper fares.',
    'The ferry left at noon.',
    'She added that the quay was safe.',
    'Mayor Ona Lind visited the pilots.',
    'She said the pilots agreed.',
  ];
  t.same(attribute(laidOut(texts), aliases).map((attribution) => attribution.speaker), ['Lee Tan', null, 'Ana Ruiz', null, 'Ana Ruiz', null, 'Ona Lind']);
});

t.test('an office stated with its state, an honorific or in short is the role its holder is named in', async (t) => {
  const aliases = compileAliases({});
  const rows: Array<[string, string, string | null]> = [
    // [the document's line, the bare role asked, the holder]
    ['Prime Minister of Norland, Ona Lind, opened the quay.', 'the Prime Minister', 'Ona Lind'],
    ['The President of the Republic of Vell H.E. Piet Dale arrived.', 'THE PRESIDENT', 'Piet Dale'],
    ['Prime Minister Shri Ona Lind visited the harbour.', 'Prime Minister', 'Ona Lind'],
    ['PM Ona Lind visited the harbour.', 'the Prime Minister', 'Ona Lind'],
    ['Prime Minister Ona Lind visited the harbour.', 'PM', 'Ona Lind'],
    // A nationality before a name the document also gives without it is no part of the name.
    ['Mayor Ivo Saar welcomed the ferry.', 'Vellish Ivo Saar', 'Ivo Saar'],
    ['The ferry came in on time.', 'Vellish Ivo Saar', 'Vellish Ivo Saar'],
    // No comma: the name is the last two capitalised words, unless they still name the state.
    ['Prime Minister of Norland Ona Lind opened the quay.', 'the Prime Minister', 'Ona Lind'],
    ['President of the Vell Republic Piet Dale and Ona Lind met.', 'the President', 'Piet Dale'],
    ['President of the Vell Federation spoke.', 'the President', null],
    // Capitalised office words alone name nobody: no one holds the role.
    ['Prime Minister visited the harbour.', 'the Prime Minister', null],
  ];
  for (const [line, role, holder] of rows) t.equal(resolvePerson(role, documentNames(null, [line]), aliases), holder, line);
});

t.test('a sentence opening with a bare office makes its holder the subject a pronoun refers back to', async (t) => {
  const texts = ['Prime Minister Shri Ona Lind visited the port of Vell.', 'Prime Minister thanked the crews.', 'She stressed that the port would reopen.'];
  t.same(attribute(laidOut(texts), compileAliases({})).map((attribution) => attribution.speaker), [null, null, 'Ona Lind']);
});

t.test('a bare role with its country is the holder the document names with that country', async (t) => {
  const aliases = compileAliases(ALIASES);
  const texts = [
    'Norlandish President Piet Dale welcomed the guests.',
    'Vellish President Ona Berg arrived on Monday.',
    'The Vellish president said the ferry would run daily.',
    'The president said the quay was open.',
  ];
  t.same(attribute(laidOut(texts), aliases).map((attribution) => attribution.speaker), [null, null, 'Ona Berg', 'Piet Dale']);
});

t.test('a definite description refers back to the speaker last described with its noun', async (t) => {
  const aliases = compileAliases(ALIASES);
  const texts = [
    'A senior harbour official told reporters that the ferry would run daily.',
    'Fees would fall in March, the official added.',
    'The official said the pilots agreed.',
    // Nobody was described as a spokesperson: the description stays as written.
    'The spokesperson said the quay was open.',
  ];
  t.same(attribute(laidOut(texts), aliases).map((attribution) => attribution.speaker), [
    'a senior harbour official',
    'a senior harbour official',
    'a senior harbour official',
    'the spokesperson',
  ]);
});

t.test('a role before a name, an apposition after it, and an unnamed pair name the speaker', async (t) => {
  const aliases = compileAliases(ALIASES);
  const rows: Array<[string, string | null]> = [
    ['Harbour Ministry spokesperson Vera Okoro said on Monday that the talks were frank.', 'Vera Okoro'],
    ['Norland\u2019s foreign ministry spokesperson Vera Okoro told reporters the talks were frank.', 'Vera Okoro'],
    ['Vera Okoro, a spokesperson for the ministry, said the talks were useful.', 'Vera Okoro'],
    ['Piet Dale, Norland\u2019s ambassador to Sudmark, told the Harbour Daily that the talks went well.', 'Piet Dale'],
    // A chief, head or leader of a body, in lower case, as reports write it.
    ['Party chief Vera Okoro reiterated the party\u2019s ferry policy.', 'Vera Okoro'],
    ['Opposition leader Vera Okoro warned that fares would rise.', 'Vera Okoro'],
    // Speaking highly of something is a statement; speaking with someone is an event.
    ['At the meeting, Vera Okoro spoke highly of the harbour crews.', 'Vera Okoro'],
    ['Vera Okoro spoke with the harbour crews on Monday.', null],
    // The day between the subject and its verb; touting; saying after "went on to" or "sought to".
    ['Mayor Vera Okoro on Monday said the quay would reopen.', 'Vera Okoro'],
    ['Vera Okoro touted a \u201cnew era\u201d for the port.', 'Vera Okoro'],
    ['Vera Okoro sought to reassure the crews that no jobs would go.', 'Vera Okoro'],
    // A contraction opening a sentence is no surname.
    ["I'll say it again: the ferry runs every day.", null],
    ['The two sides agreed that the ferry should run daily.', 'the two sides'],
    // A conjunction after the lead-in is no part of the group; the group still speaks.
    ['The talks ended, and officials said more would follow.', 'officials'],
  ];
  const attributions = attribute(laidOut(rows.map(([text]) => text)), aliases);
  rows.forEach(([text, speaker], index) => t.equal(attributions[index]!.speaker, speaker, text));
});

t.test('a role in lower case, and verbs of praise and blame, name the speaker', async (t) => {
  const aliases = compileAliases(ALIASES);
  const texts = [
    'Mayor Ona Lind opened the quay.',
    '\u201cThe quay is open,\u201d said the mayor, who rarely speaks.',
    'Ruiz hailed a landmark deal with the pilots.',
    'Lee Tan condemned the delay.',
    'In her address, Mayor conveyed her thanks to the pilots.',
  ];
  t.same(attribute(laidOut(texts), aliases).map((attribution) => attribution.speaker), [null, 'Ona Lind', 'Ana Ruiz', 'Lee Tan', 'Ona Lind']);
});

t.test("a transcript turn's unattributed sentences, first person included, are its speaker's", async (t) => {
  const aliases = compileAliases(ALIASES);
  const inTurn = (text: string, turn: string): Sentence => ({ ...sentence(text), turn });
  const attributions = attribute(
    [
      inTurn('We agreed to cut tariffs on steel.', 'MINISTER RUIZ'),
      inTurn('Lee said the port would reopen.', 'MINISTER RUIZ'),
      inTurn('The harbour is open again.', 'MR. DALE'),
      sentence('The ministers met for an hour.'),
    ],
    aliases,
  );
  t.same(
    attributions.map((attribution) => attribution.speaker),
    ['Ana Ruiz', 'Lee Tan', 'Dale', null],
    'a speaker the sentence names still wins, and a sentence outside any turn has none',
  );
});

t.test('attribute reports each sentence\u2019s quote', async (t) => {
  const aliases = compileAliases(ALIASES);
  const texts = ['Ruiz called the deal \u201cfair and balanced.\u201d', 'The ministers met.', 'Lee said "we agree" and "we sign".'];
  t.same(
    attribute(texts.map(sentence), aliases).map((attribution) => attribution.quote),
    ['fair and balanced.', null, 'we agree \u2026 we sign'],
  );
});

t.test('extractQuote returns the quoted words exactly, joined with " … "', async (t) => {
  const rows: Array<[string, string | null]> = [
    ['He called it "fair."', 'fair.'],
    ['Ruiz called the deal \u201cfair and balanced,\u201d and left.', 'fair and balanced,'],
    ['She said \u201cwe agree\u201d and \u201cwe sign\u201d.', 'we agree \u2026 we sign'],
    ['"a" then "b" then "c"', 'a \u2026 b \u2026 c'],
    ['Mixed \u201cmarks" here', 'marks'],
    ['Doubled ,"\u201cwill end soon." he said', 'will end soon.'],
    ['"padded words " keep their space', 'padded words '],
    ['\u201cA quote that runs on over paragraphs, closing only in the last.', 'A quote that runs on over paragraphs, closing only in the last.'],
    // Plain-text wire copy runs a quote on over paragraphs with straight marks; a mark inside a sentence that never closes is no quote.
    ['"A straight mark that runs on to the paragraph\u2019s end.', 'A straight mark that runs on to the paragraph\u2019s end.'],
    ['The ministers\u2019 deal isn\u2019t final.', null],
    ['It\u2019s a \u2018single\u2019 quote', null],
    ['Unclosed "quote here', null],
    ['No quotes here.', null],
    ['""', null],
    ['', null],
    ['" "', null],
  ];
  for (const [text, expected] of rows) t.equal(extractQuote(text), expected, JSON.stringify(text));
});

t.test('corpusSpeakerNames resolves a surname or title form to the one full name the corpus gives it', async (t) => {
  const aliases = compileAliases({ 'Ana Ruiz': ['Ruiz'] });
  const rows: Array<[string[], Array<[string, string]>]> = [
    [['Ivo Saar', 'Saar', 'President Saar', 'the port authority'], [['Saar', 'Ivo Saar'], ['President Saar', 'Ivo Saar']]],
    // Hyphens and case do not matter; the entity list counts as a source of full names.
    [['Sami Al-Rashid', 'AL-RASHID', 'Minister Ruiz'], [['AL-RASHID', 'Sami Al-Rashid'], ['Minister Ruiz', 'Ana Ruiz']]],
    // Two people share the surname: it stays as written. A group is no person.
    [['Ivo Saar', 'Lena Saar', 'Saar'], []],
    [['the White House', 'White House', 'House'], []],
    // "The leaders" of a report are the one joint text's authors, when their count agrees.
    [
      ['the Leaders of Norland, Sudmark, and Westholm', 'the leaders', 'the three Leaders', 'Lake leaders', 'the two leaders'],
      [
        ['the leaders', 'the Leaders of Norland, Sudmark, and Westholm'],
        ['the three Leaders', 'the Leaders of Norland, Sudmark, and Westholm'],
        ['Lake leaders', 'the Leaders of Norland, Sudmark, and Westholm'],
      ],
    ],
    [['the Leaders of Norland and Sudmark', 'the Leaders of the Lake Forum', 'the leaders'], []],
  ];
  for (const [speakers, names] of rows) t.same([...corpusSpeakerNames(speakers, aliases)], names, JSON.stringify(speakers));
});

t.test('corpusSpeakerNames resolves an office alone to the one listed holder who speaks elsewhere', async (t) => {
  const presidents = compileAliases({ 'Ona Lind': ['President Lind'], 'Piet Dale': ['President Dale'], 'Ana Ruiz': ['Prime Minister Ruiz'] });
  const rows: Array<[string[], Array<[string, string]>]> = [
    [['The President', 'Ona Lind', 'the harbour office'], [['The President', 'Ona Lind']]],
    [['the Prime Minister', 'Ana Ruiz'], [['the Prime Minister', 'Ana Ruiz']]],
    // Both presidents speak in the corpus, or neither: the office stays as written.
    [['The President', 'Ona Lind', 'Piet Dale'], []],
    [['The President', 'the harbour office'], []],
    // An office the entity list gives nobody.
    [['The Governor', 'Ona Lind'], []],
    // A nationality before a name another article gives without it.
    [['Vellish Ivo Saar', 'Ivo Saar'], [['Vellish Ivo Saar', 'Ivo Saar']]],
  ];
  for (const [speakers, names] of rows) t.same([...corpusSpeakerNames(speakers, presidents)], names, JSON.stringify(speakers));
});
