import { messageIn } from '../rule-model';
import { parseTargetRule, parseTargetText, RuleError, type TargetRule } from '../target-rule';
import { formatCanonicalRule, formatRuleForDisplay, describeProseReading } from '../rule-text';
import { readBaselineProse, readTargetProse, detectProseLanguage } from './read-target-prose';

/**
 * Target sentences as contracts word them (SPEC §2 Prose), each with the reading Trafiklys must
 * give (its canonical text, SPEC §2) or the exact refusal. In order: the sentences of Nordjylland's
 * 2021 and 2022 contracts (docs/spec.md, Appendix A; verbatim apart from line breaks), further
 * examples, sentences in the same style for the other houses and for traps (populations, brackets,
 * two targets, hedges), then English ones.
 */
type Expected = string | { refused: string };

const SENTENCES: Array<[string, Expected]> = [
  ["Virksomhedernes kendskab til hvert Erhvervshus skal i efteråret 2021 være steget med 5 procentpoint sammenlignet med kendskabet i efteråret 2020. I Nordjylland er måltallet 45%", "2021: >= 45 % (+5 pp from 2020)"],
  ["Mindst 50% af de vejledte virksomheder skal være nye ift. året før.", ">= 50 %"],
  ["I 2023 skal kendskabsgraden være mindst 50 pct.", "2023: >= 50 %"],
  ["Mindst 80% af de vejledte virksomheder angiver, at de er ”Meget tilfredse”", ">= 80 %"],
  ["Net Promotor Score (NPS) på mindst 70 for hhv. drifts- og vækstsegment", ">= 70 NPS"],
  ["Mindst 45% af de henviste virksomheder har benyttet den eksterne rådgivning eller vejledning efter henvisning fra Erhvervshuset.", ">= 45 %"],
  ["2021: Mindst 45 pct. af de henviste virksomheder angiver, at de har benyttet den eksterne rådgivning … I 2022 angiver mindst 47% dette. I 2023 angiver mindst 50 % dette.", "2021: >= 45 %; 2022: >= 47 %; 2023: >= 50 %"],
  ["I 2021 vurderer 75% af de virksomheder, der har modtaget vejledning ifm. Coronakrisen, at vejledningen har en positiv effekt for virksomheden.", "2021: >= 75 %"],
  ["I 2021 vurderer 75% af de virksomheder, der har modtaget vejledning ifm. Coronakrisen, at vejledningen har en positiv effekt for virksomheden. · Mål 5 – 2022 (tages ud)", "2021: >= 75 %; 2022: dropped"],
  ["Mål 5 – 2022 (tages ud)", "2022: dropped"],
  ["Virksomhedernes kendskab til Erhvervshusenes ydelser inden for grøn omstilling mv. skal være steget med 5 procentpoint i 2021 ift. 2020 (til 69%).", "2021: >= 69 % (+5 pp from 2020)"],
  ["I slutningen af 2022 skal kendskabet til Erhvervshusets ydelser indenfor grøn omstilling være på 72% af de virksomheder, der kender Erhvervshuset (75% ultimo 2023)", "2022: >= 72 %; 2023: >= 75 %"],
  ["65 pct. vurderer, at vejledningen ”I høj grad” forventes at have en positiv effekt.", ">= 65 %"],
  ["70 pct. af de virksomheder, der har modtaget vejledning indenfor digitalisering og brug af nye teknologier vurderer, at vejledningen ”I høj grad” forventes at have en positiv effekt.", ">= 70 %"],
  ["Målsætning for antal vejledninger: Vækst- & Driftsforløb: 350 · Korte forløb og Early Warning: 600", { refused: "kan ikke placere \"600\": der er allerede måltallet 350; ét måltal pr. år og række; skriv fx \"≥ 350\"" }],
  ["Mindst 800 unikke virksomheder vejledes i 2022", "2022: >= 800"],
  ["Dialogværktøjet testes live i øjeblikket og forventes lanceret december 2021.", "done by 2021-12-31"],
  ["72% ultimo 2022 (75% ultimo 2023)", "2022: >= 72 %; 2023: >= 75 %"],
  ["NPS på mindst 70", ">= 70 NPS"],
  ["min. 350 forløb", ">= 350"],
  ["mindst 120 mio. kr.", ">= 120000000 kr"],
  ["under 5 %", "<= 5 %"],
  ["udført senest 31. december 2022", "done by 2022-12-31"],
  ["udført senest december 2021", "done by 2021-12-31"],
  ["gennemført ultimo 2022", "done by 2022-12-31"],
  ["lanceret medio 2022", "done by 2022-06-30"],
  ["Samarbejdsaftaler med alle 11 nordjyske kommuner indgået senest 31. december 2021", "done by 2021-12-31"],
  ["4 årlige møder med hver af de 11 kommuner", { refused: "kan ikke læse målet sikkert: intet måltal: \"4\" og \"11\" tæller en gruppe, en hyppighed eller et mål; skriv fx \"udført senest 31-12-2022\"" }],
  ["Mindst 4 årlige møder med hver kommune i 2022", "2022: >= 4"],
  ["Erhvervshuset skal i 2022 vejlede mindst 900 virksomheder i de 11 nordjyske kommuner", "2022: >= 900"],
  ["Kendskabet skal i 2022 være mindst 47 % og i 2023 mindst 50 %", "2022: >= 47 %; 2023: >= 50 %"],
  ["Mindst 47 % i 2022 og 2023", { refused: "kan ikke placere \"2023\": flere år i samme sætning, og det er ikke klart, hvilket måltal der hører til hvilket; skriv fx \"2022: ≥ 47 %\"" }],
  ["Kendskabsgraden skal stige fra 36 % til 50 % i 2023", { refused: "kan ikke placere \"50 %\": der er allerede måltallet 36 % for 2023; ét måltal pr. år og række; skriv fx \"2023: ≥ 36 %\"" }],
  ["I 2023 skal kendskabsgraden være mindst 50 pct. (36 % i 2020)", { refused: "kan ikke placere \"36 %\": det ligner udgangspunktet (2020); skriv det i Udgangspunkt; skriv fx \"2023: ≥ 50 %\"" }],
  ["Mindst 45 % (2021)", "2021: >= 45 %"],
  ["Mindst 45 %. I 2023 mindst 50 %.", { refused: "kan ikke placere \"45 %\": andre dele af teksten nævner år, men dette tal har intet; skriv fx \"2023: ≥ 45 %\"" }],
  ["Højst 10 % af virksomhederne må være utilfredse", "<= 10 %"],
  ["Andelen af utilfredse skal være under 5 % i 2022", "2022: <= 5 %"],
  ["Ikke over 3 klager om året", "<= 3"],
  ["Mellem 40 og 60 % af de vejledte virksomheder er nye", "40 - 60 %"],
  ["Omsætningen i de vejledte virksomheder skal være steget med 10 % i 2022", "2022: +10 %"],
  ["Væksten skal være steget med 5 procentpoint om året", "+5 pp per year"],
  ["Mindst 1.000 virksomheder vejledes i 2022 og mindst 1.100 i 2023", "2022: >= 1000; 2023: >= 1100"],
  ["Ca. 50 % af virksomhederne kender Erhvervshuset", { refused: "kan ikke placere \"50 %\": et omtrentligt tal kan ikke måles imod; skriv fx \"≥ 50 %\"" }],
  ["I 2022 skal mindst 50 % kende huset, heraf 30 % i vækstsegmentet", { refused: "kan ikke placere \"30 %\": der er allerede måltallet 50 % for 2022; ét måltal pr. år og række; skriv fx \"2022: ≥ 50 %\"" }],
  ["Måltallet er 64 % i efteråret 2022", "2022: >= 64 %"],
  ["Mindst 75 pct. i 2022. Mål 5 udgår i 2023.", "2022: >= 75 %; 2023: dropped"],
  ["Udgår", "dropped"],
  ["Mål 9 – 2022", { refused: "kan ikke placere \"2022\": året har intet måltal; skriv fx \"udført senest 31-12-2022\"" }],
  ["Et dialogværktøj udvikles i 2022", { refused: "kan ikke placere \"2022\": året har intet måltal; skriv fx \"udført senest 31-12-2022\"" }],
  ["Et dialogværktøj skal være lanceret senest 30. juni 2022", "done by 2022-06-30"],
  ["Kendskabet skal være mindst 50 % senest 30. juni 2023", { refused: "kan ikke placere \"30. juni 2023\": et måltal gælder et helt år, ikke en dag midt i det; skriv fx \"2023: ≥ 50 %\"" }],
  ["lanceret i efteråret 2021", { refused: "kan ikke placere \"efteråret 2021\": det er ingen dato at have en frist på; skriv fx \"udført senest 31-12-2021\"" }],
  ["Mindst 600 korte forløb og Early Warning-forløb i 2021 (350 vækst- og driftsforløb)", { refused: "kan ikke placere \"350\": der er allerede måltallet 600 for 2021; ét måltal pr. år og række; skriv fx \"2021: ≥ 600\"" }],
  ["Projektet skal hjemtage mindst 95 mio. kr. i 2022", "2022: >= 95000000 kr"],
  ["Mindst 1,5 mia. kr. i ny kapital i 2023", "2023: >= 1500000000 kr"],
  ["NPS 2022: mindst 65; NPS 2023: mindst 70", "2022: >= 65 NPS; 2023: >= 70 NPS"],
  ["Net Promoter Score på mindst 70 i 2022 (75 i 2023)", "2022: >= 70 NPS; 2023: >= 75 NPS"],
  ["Andelen af nye virksomheder skal være > 50 %", { refused: "kan ikke placere \"50 %\": brug ≥ (mindst) eller ≤ (højst), ikke < eller >; skriv fx \"≥ 50 %\"" }],
  ["I 2023 skal 50 % af virksomhederne i Region Sjælland kende Erhvervshuset", "2023: >= 50 %"],
  ["Kendskabet i Midtjylland skal være steget med 4 procentpoint i 2021 ift. 2020 (til 40%).", "2021: >= 40 % (+4 pp from 2020)"],
  ["Kendskabet skal i efteråret 2022 være steget med 14 procentpoint sammenlignet med efteråret 2020. I Hovedstaden er måltallet 40%", "2022: >= 40 % (+14 pp from 2020)"],
  ["At least 50% of advised firms are new compared with the year before.", ">= 50 %"],
  ["By 2023 awareness must be at least 50 per cent.", "2023: >= 50 %"],
  ["At least 800 unique firms advised in 2022", "2022: >= 800"],
  ["An NPS of at least 70 for both the operations and the growth segment", ">= 70 NPS"],
  ["Awareness must have risen by 5 percentage points in 2021 compared with 2020 (to 69%).", "2021: >= 69 % (+5 pp from 2020)"],
  ["72% by the end of 2022 (75% by the end of 2023)", "2022: >= 72 %; 2023: >= 75 %"],
  ["no more than 5 %", "<= 5 %"],
  ["at least DKK 120 million", ">= 120000000 kr"],
  ["Completed by 31 December 2022", "done by 2022-12-31"],
  ["Launched by mid-2022", "done by 2022-06-30"],
  ["Dropped in 2022", "2022: dropped"],
  ["In 2022 at least 47%. In 2023 at least 50%.", "2022: >= 47 %; 2023: >= 50 %"],
  ["Agreements with all 11 municipalities signed by December 2021", "done by 2021-12-31"],
  ["Between 40 and 60 % of firms", "40 - 60 %"],
  ["At least 65% answer \"To a high degree\"", ">= 65 %"],
  ["About 50 % of firms know the house", { refused: "cannot place \"50 %\": an approximate number cannot be judged against; write e.g. \"≥ 50 %\"" }],
  ["More than 1,000 firms in 2022", { refused: "cannot place \"1,000\": the comma may be a decimal mark or a thousands mark; write e.g. \"≥ 1000\"" }],
  ["The share of firms must rise by 5 percentage points per year", "+5 pp per year"],
  ["2022: mindst 800 virksomheder; 2023: mindst 900 virksomheder", "2022: >= 800; 2023: >= 900"],
  ["at least 45 % in 2021, 47 % in 2022 and 50 % in 2023", "2021: >= 45 %; 2022: >= 47 %; 2023: >= 50 %"],
  ["I 2022 skal antallet af vejledte virksomheder være 25 % højere end i 2021", { refused: "kan ikke placere \"2021\": et sammenligningsår, men ingen stigning at regne fra det; skriv fx \"2022: ≥ 25 %\"" }],
  ["Mindst 800 vejledte virksomheder, heraf 50 nye", { refused: "kan ikke placere \"50\": der er allerede måltallet 800; ét måltal pr. år og række; skriv fx \"≥ 800\"" }],
  ["Højst 2 % fejl i udbetalingerne i 2022", "2022: <= 2 %"],
  ["Kendskabet skal være faldet med højst 2 procentpoint", { refused: "kan ikke placere \"2 procentpoint\": en grænse for en ændring kan ikke læses som et måltal; skriv det niveau, der skal nås; skriv fx \"≥ 2 %\"" }],
  ["Mindst 30 pct. af virksomhederne i Region Syddanmark skal kende Erhvervshuset i efteråret 2022", "2022: >= 30 %"],
  ["I 2023 skal mindst 50 % af virksomhederne på Fyn kende Erhvervshuset", "2023: >= 50 %"],
  ["Antallet af vejledte virksomheder skal i 2022 stige med 10 % ift. 2021 (til 1.320)", "2022: >= 1320 (+10 % from 2021)"],
  ["Kendskabet skal i 2022 være steget med 5 procentpoint ift. 2021", "2022: +5 pp from 2021"],
  ["Mindst 60 % i Sjælland i 2022 (55 % i 2021)", { refused: "kan ikke placere \"55 %\": det ligner udgangspunktet (2021); skriv det i Udgangspunkt; skriv fx \"2022: ≥ 60 %\"" }],
  ["60-40 % af virksomhederne", { refused: "kan ikke placere \"60–40\": intervallet går baglæns; skriv fx \"≥ 60\"" }],
  ["Mindst 70 for både drift og vækst, NPS", ">= 70 NPS"],
  ["udført senest 31-12-2022", "done by 2022-12-31"],
  ["Gennemført i 2022", "done by 2022-12-31"],
  ["The tool is expected to be launched in spring 2022", { refused: "cannot place \"spring 2022\": that is no day to be due on; write e.g. \"done by 2022-12-31\"" }],
];

function withoutProseMark(rule: TargetRule): TargetRule {
  const { prose: _prose, ...rest } = rule;
  return rest as TargetRule;
}

describe('contract sentences (SPEC §2 Prose)', () => {
  it('has at least 60 sentences, Danish and English', () => {
    expect(SENTENCES.length).toBeGreaterThanOrEqual(60);
    const languages = new Set(SENTENCES.map(([text]) => detectProseLanguage(text)));
    expect(languages).toEqual(new Set(['da', 'en']));
  });

  it.each(SENTENCES)('%s', (text, expected) => {
    if (typeof expected === 'string') {
      const rule = parseTargetText(text);
      expect(formatCanonicalRule(rule)).toBe(expected);
      // The canonical text reads back, through the grammar alone, to the same rule.
      expect(parseTargetRule(expected)).toEqual(withoutProseMark(rule));
    } else {
      let message: string | null = null;
      try {
        parseTargetText(text);
      } catch (error) {
        if (!(error instanceof RuleError)) throw error;
        // A Danish sheet shows the Danish words, an English one the English (the sheet's language, SPEC §1 Explanation).
        message = messageIn(error, detectProseLanguage(text));
      }
      expect(message).toBe(expected.refused);
    }
  });
});

describe('the reading is marked and shown', () => {
  it('marks prose readings and leaves the grammar unmarked', () => {
    expect(parseTargetText('I 2023 skal kendskabsgraden være mindst 50 pct.').prose).toBe(true);
    expect(parseTargetText('2023: mindst 50 pct.').prose).toBeUndefined();
    expect(parseTargetText('≥ 80%').prose).toBeUndefined();
    // Written-out dates and amounts are read by the grammar too, but the analyst still sees the reading.
    expect(parseTargetText('udført senest 31. december 2022').prose).toBe(true);
    expect(parseTargetText('udført senest 31-12-2022').prose).toBeUndefined();
  });

  it.each([
    ['72% ultimo 2022 (75% ultimo 2023)', 'da', 'læst som: 2022: ≥ 72 %; 2023: ≥ 75 %'],
    ['72% by the end of 2022 (75% by the end of 2023)', 'en', 'read as: 2022: ≥ 72 %; 2023: ≥ 75 %'],
    ['Virksomhedernes kendskab til Erhvervshusenes ydelser inden for grøn omstilling mv. skal være steget med 5 procentpoint i 2021 ift. 2020 (til 69%).', 'da', 'læst som: 2021: ≥ 69 % (+5 pp fra 2020)'],
    ['udført senest 31. december 2022', 'da', 'læst som: udført senest 31-12-2022'],
    ['Completed by 31 December 2022', 'en', 'read as: done by 2022-12-31'],
    ['mindst 120 mio. kr.', 'da', 'læst som: ≥ 120.000.000 kr.'],
    ['Mål 5 – 2022 (tages ud)', 'da', 'læst som: 2022: udgår'],
    ['Net Promotor Score (NPS) på mindst 70 for hhv. drifts- og vækstsegment', 'da', 'læst som: ≥ 70 NPS'],
    ['Kendskabet skal være 45,5 % i 2022', 'da', 'læst som: 2022: ≥ 45,5 %'],
  ] as const)('%s → %s', (text, language, shown) => {
    expect(describeProseReading(parseTargetText(text), language)).toBe(shown);
  });

  it('shows nothing for a rule written in the grammar', () => {
    expect(describeProseReading(parseTargetRule('2022: >= 72 %'), 'da')).toBeNull();
    expect(formatRuleForDisplay(parseTargetRule('2022: >= 72 %; 2023: <= 1234,5 kr'), 'da')).toBe('2022: ≥ 72 %; 2023: ≤ 1.234,5 kr.');
  });
});

describe('refusals in the asked language', () => {
  it('answers in English when told so, whatever the text', () => {
    expect(() => readTargetProse('Ca. 50 % af virksomhederne', { language: 'en' })).toThrow(
      'cannot place "50 %": an approximate number cannot be judged against; write e.g. "≥ 50 %"',
    );
  });

  it('answers in Danish when told so', () => {
    expect(refusalIn(() => readTargetProse('About 50 % of firms', { language: 'da' }), 'da')).toBe(
      'kan ikke placere "50 %": et omtrentligt tal kan ikke måles imod; skriv fx "≥ 50 %"',
    );
  });

  it('carries both languages, so that a Danish sheet shows an English sentence\'s refusal in Danish', () => {
    const action = (): unknown => readTargetProse('About 50 % of firms');
    expect(refusalIn(action, 'da')).toBe('kan ikke placere "50 %": et omtrentligt tal kan ikke måles imod; skriv fx "≥ 50 %"');
    expect(refusalIn(action, 'en')).toBe('cannot place "50 %": an approximate number cannot be judged against; write e.g. "≥ 50 %"');
  });

  it('keeps the grammar\'s own error for text in the grammar\'s words', () => {
    expect(() => parseTargetText('2021: 45%; 2021: 50%')).toThrow('year 2021 is named twice');
    expect(() => parseTargetText('mange')).toThrow('cannot read "mange" as a target');
    expect(() => parseTargetText('> 80%')).toThrow('"> 80%": use ≥ (at least) or ≤ (at most), not a strict < or >');
  });
});

describe('readBaselineProse: the same words in Udgangspunkt cells', () => {
  it.each([
    ['40 % i efteråret 2020', { value: 40, year: 2020, sign: '%' }],
    ['kendskabsgrad på 40 % (september 2020)', { value: 40, year: 2020, sign: '%' }],
    ['NPS 55 ultimo 2021', { value: 55, year: 2021, sign: 'NPS' }],
    ['95 mio. kr. i 2021', { value: 95_000_000, year: 2021, sign: 'kr' }],
    ['36 pct. i Midtjylland', { value: 36, year: null, sign: '%' }],
  ])('%s', (text, expected) => {
    expect(readBaselineProse(text)).toEqual(expected);
  });

  it.each([
    ['40 % i 2020 og 45 % i 2021', 'kan ikke placere "45 %": et udgangspunkt har ét tal; skriv fx "40 % (2020)"'],
    ['40 % (2019, 2020)', 'kan ikke placere "2020": et udgangspunkt har ét år; skriv fx "40 % (2020)"'],
    ['steget med 5 procentpoint', 'kan ikke placere "5 procentpoint": et udgangspunkt er ét tal; skriv fx "40 % (2020)"'],
    ['about 40 % in 2020', 'cannot place "40 %": an approximate number cannot be judged against; write e.g. "40 % (2020)"'],
  ])('refuses %s', (text, message) => {
    expect(refusalIn(() => readBaselineProse(text), detectProseLanguage(text))).toBe(message);
  });
});

/** The refusal `action` throws, in `language`. */
function refusalIn(action: () => unknown, language: 'da' | 'en'): string {
  try {
    action();
  } catch (error) {
    if (error instanceof RuleError) return messageIn(error, language);
    throw error;
  }
  throw new Error('expected a refusal');
}
