// Compares two ways of finding the people a claim names, on the dev gold: compromise's people()
// (a tagger with a lexicon of first names and titles) and the attribution stage's own reading of names
// by their shape (two or three capitalised words after any titles, see src/pipeline/05-attribution/names.ts).
// The yardstick is the gold speaker: when a claim's speaker is a person whose surname the claim writes,
// did the method find a person with that surname there? Run after `npm run build`:
//   node tools/ner-comparison.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';
import { documentNames } from '../dist/pipeline/05-attribution/names.js';

const SETS = [
  { name: 'seeds', gold: 'test/fixtures/gold' },
  { name: 'second', gold: 'test/fixtures/second/gold' },
  { name: 'dev-real', gold: 'test/fixtures/dev-real/cop28-dubai/gold' },
];

/** A person's name: capitalised words, none of them a group word ("officials", "Ministry"). */
const PERSON = /^(?:\p{Lu}[\p{L}'.-]+\s+){1,3}\p{Lu}[\p{L}'-]+$/u;
const GROUP = /\b(?:House|Ministry|Department|Council|Office|Nations|States|Union|Kingdom|Republic|Agency|Times|News|Post|Press|Daily|Network)\b/;
const surnameOf = (name) => name.trim().split(/\s+/).at(-1).replace(/['’]s$/, '').toLowerCase();

function figures(found, total, detections, unconfirmed) {
  const recall = total ? (found / total).toFixed(3) : 'n/a';
  return `recall ${recall} (${found}/${total}), ${detections} names found, ${unconfirmed} not a gold speaker of the document`;
}

for (const set of SETS) {
  let files;
  try {
    files = readdirSync(set.gold).filter((name) => /^\d+_.*\.json$/.test(name));
  } catch {
    continue;
  }
  const counts = { total: 0, compromise: 0, shape: 0, compromiseFound: 0, shapeFound: 0, compromiseOther: 0, shapeOther: 0 };
  for (const file of files) {
    const gold = JSON.parse(readFileSync(join(set.gold, file), 'utf8'));
    const speakers = new Set(gold.claims.map((claim) => claim.speaker).filter((speaker) => speaker && PERSON.test(speaker) && !GROUP.test(speaker)).map(surnameOf));
    for (const claim of gold.claims) {
      const viaCompromise = nlp(claim.text).people().out('array').map(surnameOf);
      const viaShape = documentNames(null, [claim.text]).fullNames.filter((name) => !GROUP.test(name)).map(surnameOf);
      counts.compromiseFound += viaCompromise.length;
      counts.shapeFound += viaShape.length;
      counts.compromiseOther += viaCompromise.filter((surname) => !speakers.has(surname)).length;
      counts.shapeOther += viaShape.filter((surname) => !speakers.has(surname)).length;
      const speaker = claim.speaker;
      if (!speaker || !PERSON.test(speaker) || GROUP.test(speaker)) continue;
      const surname = surnameOf(speaker);
      if (!claim.text.toLowerCase().includes(surname)) continue;
      counts.total += 1;
      if (viaCompromise.includes(surname)) counts.compromise += 1;
      if (viaShape.includes(surname)) counts.shape += 1;
    }
  }
  console.log(`== ${set.name}: claims whose person speaker the claim names: ${counts.total}`);
  console.log(`compromise people()   ${figures(counts.compromise, counts.total, counts.compromiseFound, counts.compromiseOther)}`);
  console.log(`shape of a full name  ${figures(counts.shape, counts.total, counts.shapeFound, counts.shapeOther)}`);
}
