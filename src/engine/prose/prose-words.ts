import type { Direction } from '../rule-model';

/**
 * The words of contract prose the reader knows (SPEC §2 Prose; docs/targets.md), Danish and English. Each pattern is
 * anchored where the reader looks: `…Before` patterns at the end of the text before a number,
 * `…After` patterns at the start of the text after it. Letters include æ, ø, å (`\p{L}`), so that
 * `min` never matches the start of `mindst`.
 */

const B = '(?:^|[^\\p{L}])';

/**
 * Comparators right before a number, negated forms first (`ikke under` is ≥ although it holds
 * `under`). `over`/`under` and `more than`/`less than` are read as ≥/≤, as the contract means them:
 * a target "over 70" is met at 70 (SPEC §3 never judges strictly).
 */
export const COMPARATORS_BEFORE: ReadonlyArray<[RegExp, Direction]> = [
  [new RegExp(`${B}(?:ikke\\s+(?:under|mindre\\s+end|færre\\s+end|lavere\\s+end)|no[t]?\\s+(?:less|fewer|lower)\\s+than)\\s*$`, 'iu'), 'higher'],
  [new RegExp(`${B}(?:ikke\\s+(?:over|mere\\s+end|flere\\s+end|højere\\s+end)|no[t]?\\s+(?:more|higher)\\s+than)\\s*$`, 'iu'), 'lower'],
  [
    new RegExp(
      `${B}(?:at\\s+most|a\\s+maximum\\s+of|maximum(?:\\s+of)?|maksimalt|maksimum|maks\\.?|max\\.?|højst|hoejst|under|below|less\\s+than|fewer\\s+than|mindre\\s+end|færre\\s+end|lavere\\s+end|op\\s+til|up\\s+to)\\s*(?:kr\\.?|dkk|nps)?\\s*$`,
      'iu',
    ),
    'lower',
  ],
  [/(?:≤|<=|=<)\s*(?:kr\.?|dkk|nps)?\s*$/iu, 'lower'],
  [
    new RegExp(
      `${B}(?:at\\s+least|a\\s+minimum\\s+of|minimum(?:\\s+of)?|mindst|min\\.?|over|above|more\\s+than|mere\\s+end|flere\\s+end|højere\\s+end)\\s*(?:kr\\.?|dkk|nps)?\\s*$`,
      'iu',
    ),
    'higher',
  ],
  [/(?:≥|>=|=>)\s*(?:kr\.?|dkk|nps)?\s*$/iu, 'higher'],
];

/** A strict `<` or `>` right before a number: refused, as in the grammar. */
export const STRICT_BEFORE = /(?:^|[^<>=])[<>]\s*$/u;

/** "risen by", "steget med", "en stigning på": the number after is an increment. */
export const INCREASE_BEFORE = new RegExp(
  `${B}(?:(?:steget|stige|stiger|øges|øget|øge|forøget|forøges|hæves|hævet|løftes|løftet|vokset|vokse|vokser|forbedres|forbedret|increased?|increases|rise|risen|rises|grow|grown|grows|improved?|improves)\\s+(?:med|by)|(?:en\\s+)?(?:stigning|forøgelse|løft|forbedring|an?\\s+increase|an?\\s+rise|an?\\s+improvement)\\s+(?:på|of))(\\s+(?:mindst|min\\.?|minimum|at\\s+least|højst|maks\\.?|max\\.?|maksimalt|at\\s+most|no\\s+more\\s+than|op\\s+til|up\\s+to))?\\s*$`,
  'iu',
);

export const DECREASE_BEFORE = new RegExp(
  `${B}(?:(?:faldet|falde|falder|reduceres|reduceret|reducere|sænkes|sænket|mindskes|mindsket|nedbringes|nedbragt|decreased?|decreases|reduced?|reduces|fall|fallen|falls|dropped|declined?|declines)\\s+(?:med|by)|(?:et\\s+)?(?:fald|reduktion|an?\\s+decrease|an?\\s+fall|an?\\s+reduction|an?\\s+drop)\\s+(?:på|of))(\\s+(?:mindst|min\\.?|minimum|at\\s+least|højst|maks\\.?|max\\.?|maksimalt|at\\s+most|no\\s+more\\s+than|op\\s+til|up\\s+to))?\\s*$`,
  'iu',
);

/** Words before a year that make it the year an increment counts from: `ift. 2020`. */
export const BASE_YEAR_BEFORE = new RegExp(
  `${B}(?:ift\\.?|i\\s+forhold\\s+til|sammenlignet\\s+med|sammenholdt\\s+med|compared\\s+(?:with|to)|relative\\s+to|fra|from|siden|since|than|end)${B}`,
  'iu',
);

/** A number that refers to a goal (`Mål 5`, `goal 3.1`), not a target. */
export const GOAL_REFERENCE_BEFORE = new RegExp(`${B}(?:mål|delmål|målnr\\.?|goal|indikator|indicator|nr\\.|no\\.)\\s*$`, 'iu');

/** A determiner before a number that names a population: `de 11 kommuner`, `all 11 municipalities`. */
export const POPULATION_BEFORE = new RegExp(
  `${B}(?:de|alle|samtlige|hver\\s+af\\s+de|each\\s+of\\s+the|all(?:\\s+the)?|the|blandt\\s+de|among\\s+the|disse|these)\\s*$`,
  'iu',
);

/** A frequency after a number (`4 årlige møder`): a population of events, not a target. */
export const FREQUENCY_AFTER = /^\s*(?:årlige|årligt|halvårlige|kvartalsvise|månedlige|ugentlige|yearly|annual|quarterly|monthly|weekly)(?!\p{L})/iu;

/** The unit right after a number, with an optional scale word (`120 mio. kr.`). */
export const UNIT_AFTER =
  /^\s*(?:(mio\.?|mia\.?|millioner|millions?|milliarder|milliard|billions?|bn)(?!\p{L})\s*)?(?:(%|pct\.?|procentpoint(?:s|er)?|procent|percentage\s+points?|per\s*cent|percent|p\.p\.|pp|kroner|kr\.?|dkk|nps|point(?:s)?)(?!\p{L}))?/iu;

/** A unit sign right before a number: `kr. 120`, `DKK 120`, `NPS 70`. */
export const UNIT_BEFORE = /(?:^|[^\p{L}])(kr\.?|dkk|nps)\s*$/iu;

/** `per år`, `om året`, `/år`, `each year` after an increment: it repeats every year. */
export const PER_YEAR_AFTER =
  /^\s*(?:\/\s*(?:år|year|yr)|(?:per|pr\.?)\s+(?:år|year)|om\s+året|hvert\s+år|årligt|a\s+year|each\s+year|every\s+year|annually|per\s+annum)(?!\p{L})/iu;

/** The goal is dropped: `tages ud`, `udgår`, `dropped`. */
export const DROP_WORDS =
  /(?:^|[^\p{L}])(?:tages\s+ud|taget\s+ud|udgår|udgaar|udgået|udtages|bortfalder|bortfaldet|dropped|removed|discontinued|taken\s+out|no\s+longer\s+applies)(?!\p{L})/iu;

/** A delivery rather than a number: `udført`, `lanceret`, `done`, `completed`. */
export const MILESTONE_WORDS =
  /(?:^|[^\p{L}])(?:udført|udføres|udfoert|gennemført|gennemføres|færdig|færdiggjort|færdiggøres|lanceret|lanceres|leveret|leveres|implementeret|implementeres|etableret|etableres|indgået|indgås|vedtaget|vedtages|igangsat|igangsættes|underskrevet|underskrives|done|completed?|delivered|launched|implemented|established|signed|in\s+place)(?!\p{L})/iu;

/** A deadline word: `senest`, `inden`, `by`, `no later than`. */
export const DEADLINE_WORDS = /(?:^|[^\p{L}])(?:senest|inden|frist|deadline|by|no\s+later\s+than|before)(?!\p{L})/iu;

/** Net Promoter Score named anywhere: its bare numbers are NPS points. */
export const NPS_WORDS = /(?:^|[^\p{L}])(?:nps|net\s+promot[oe]r\s+score)(?!\p{L})/iu;

/** Abbreviations whose period does not end a sentence before a number (`ift. 2020`). */
export const ABBREVIATIONS =
  /(?:^|[^\p{L}])(?:ift|ifm|mv|hhv|fx|bl\.a|pct|kr|mio|mia|min|maks|max|nr|ca|inkl|evt|jf|dvs|mht|vedr|e\.g|i\.e|approx|no|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec)\.$/iu;

/** The words of the grammar itself (SPEC §2); a text with no other word is not prose. */
export const GRAMMAR_WORDS =
  /(?:^|[^\p{L}])(?:mindst|minimum|min|at\s+least|maksimalt|maksimum|maximum|max|maks|højst|hoejst|at\s+most|mellem|between|og|and|pct|procentpoint(?:s|er)?|procent|percentage\s+points?|per\s*cent|percent|pp|p\.p|kr|dkk|nps|udgår|udgaar|udgået|dropped|n\/a|done|udført|udfoert|gennemført|gennemfoert|by|senest|inden|per|pr|om|a|each|every|år|året|year|yr)(?!\p{L})/giu;

/** Danish and English marker words, for the language of a refusal when none is given. */
export const DANISH_MARKERS =
  /(?:^|[^\p{L}])(?:og|af|i|skal|være|mindst|højst|til|med|der|det|er|som|på|pct|procent|procentpoint|virksomheder|virksomhederne|udgår|senest|ultimo|medio|inden|tages|hhv|ift|måltallet|vejledes|forløb)(?!\p{L})|[æøå]/giu;
export const ENGLISH_MARKERS =
  /(?:^|[^\p{L}])(?:the|and|of|in|must|be|at|least|most|by|firms|companies|businesses|per|cent|percent|points|dropped|done|will|should|than|to|advised|year|end|about|approximately|around|more|less|no|not|from|compared|with)(?!\p{L})/giu;

/** A hedge before a number (`ca. 40 %`, `about 40`): an approximate target is no target. */
export const APPROXIMATE_BEFORE = /(?:^|[^\p{L}])(?:ca\.?|cirka|omkring|omtrent|knap|godt|about|approximately|approx\.?|around|roughly|some)\s*$|~\s*$/iu;

/** A ceiling on a change (`steget med højst 2 pp`): the grammar has no such target. */
export const CEILING_WORD = /højst|maks|max|at\s+most|no\s+more|op\s+til|up\s+to/iu;
