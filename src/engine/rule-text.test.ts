import fc from 'fast-check';
import type { UnitSign } from './numbers';
import { dayFromYmd } from './dates';
import type { RuleEntry, TargetRule } from './rule-model';
import { parseTargetRule, parseTargetText } from './target-rule';
import { describeProseReading, formatCanonicalRule, formatRuleForDisplay } from './rule-text';

/** Numbers with up to three decimals, negative ones included; never -0. */
const numberArb = fc
  .tuple(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.constantFrom(1, 10, 100, 1000))
  .map(([n, d]) => (n === 0 ? 0 : n / d));
const yearArb = fc.integer({ min: 2000, max: 2099 });
const additiveSign = fc.constantFrom<UnitSign | null>(null, 'pp', 'kr', 'NPS');
const levelSign = fc.constantFrom<UnitSign | null>(null, '%', 'pp', 'kr', 'NPS');

const statedArb = fc.oneof(
  fc.record({ amount: numberArb, mode: fc.constant<'additive'>('additive'), sign: additiveSign, from: fc.option(yearArb, { nil: null }) }),
  fc.record({ amount: numberArb, mode: fc.constant<'relative'>('relative'), sign: fc.constant(null), from: fc.option(yearArb, { nil: null }) }),
);

const entryArb: fc.Arbitrary<RuleEntry> = fc.oneof(
  fc
    .record({ value: numberArb, direction: fc.constantFrom<'higher' | 'lower'>('higher', 'lower'), sign: levelSign, stated: fc.option(statedArb, { nil: undefined }) })
    .map(({ stated, ...level }): RuleEntry => (stated === undefined ? { kind: 'level', ...level } : { kind: 'level', ...level, stated })),
  fc
    .record({ amount: numberArb, relative: fc.boolean(), perYear: fc.boolean(), sign: additiveSign, from: fc.option(yearArb, { nil: undefined }) })
    .map(({ amount, relative, perYear, sign, from }): RuleEntry => {
      const entry: RuleEntry = { kind: 'increment', amount, mode: relative ? 'relative' : 'additive', perYear, sign: relative ? '%' : sign };
      if (from !== undefined) entry.from = from;
      return entry;
    }),
  fc
    .record({ a: numberArb, b: numberArb, sign: levelSign })
    .map(({ a, b, sign }): RuleEntry => ({ kind: 'range', lo: Math.min(a, b), hi: Math.max(a, b), sign })),
  fc.constant<RuleEntry>({ kind: 'drop' }),
  fc
    .option(fc.tuple(yearArb, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })), { nil: null })
    .map((date): RuleEntry => ({ kind: 'milestone', due: date === null ? null : dayFromYmd(...date) })),
);

const ruleArb: fc.Arbitrary<TargetRule> = fc.oneof(
  entryArb.map((entry): TargetRule => ({ kind: 'single', entry })),
  fc
    .uniqueArray(fc.tuple(yearArb, entryArb), { minLength: 1, maxLength: 5, selector: ([year]) => year })
    .map((pairs): TargetRule => ({
      kind: 'schedule',
      entries: pairs.map(([year, entry]) => ({ year, entry })).sort((a, b) => a.year - b.year),
    })),
);

describe('formatCanonicalRule', () => {
  it('property: the canonical text of any rule reads back to the same rule', () => {
    fc.assert(
      fc.property(ruleArb, (rule) => {
        expect(parseTargetRule(formatCanonicalRule(rule))).toEqual(rule);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a prose reading and the reading of its canonical text are the same rule', () => {
    // Sentences built the way the contracts word them, with random years and values.
    const yearArb = fc.integer({ min: 2001, max: 2098 });
    const sentence = fc.oneof(
      fc.tuple(yearArb, fc.integer({ min: 0, max: 100 })).map(([y, v]) => [`I ${y} skal kendskabsgraden være mindst ${v} pct.`, `${y}: >= ${v} %`]),
      fc.tuple(yearArb, fc.integer({ min: 1, max: 99_999 })).map(([y, v]) => [`Mindst ${v} unikke virksomheder vejledes i ${y}`, `${y}: >= ${v}`]),
      fc
        .tuple(yearArb, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
        .map(([y, a, b]) => [`${a}% ultimo ${y} (${b}% ultimo ${y + 1})`, `${y}: >= ${a} %; ${y + 1}: >= ${b} %`]),
      fc
        .tuple(yearArb, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 100 }))
        .map(([y, d, v]) => [`skal være steget med ${d} procentpoint i ${y} ift. ${y - 1} (til ${v}%).`, `${y}: >= ${v} % (+${d} pp from ${y - 1})`]),
      fc.tuple(fc.integer({ min: -100, max: 100 })).map(([v]) => [`NPS på ${v < 0 ? 'mindst' : 'højst'} ${Math.abs(v)}`, `${v < 0 ? '>=' : '<='} ${Math.abs(v)} NPS`]),
    );
    fc.assert(
      fc.property(sentence, ([text, canonical]) => {
        const rule = parseTargetText(text as string);
        expect(rule.prose).toBe(true);
        expect(formatCanonicalRule(rule)).toBe(canonical);
        const { prose: _prose, ...plain } = rule;
        expect(parseTargetRule(canonical as string)).toEqual(plain);
      }),
      { numRuns: 500 },
    );
  });

  it('writes numbers exactly, with a decimal comma and no thousands marks', () => {
    const level = (value: number): TargetRule => ({ kind: 'single', entry: { kind: 'level', value, direction: 'higher', sign: null } });
    expect(formatCanonicalRule(level(1.234))).toBe('>= 1,234');
    expect(formatCanonicalRule(level(1234))).toBe('>= 1234');
    expect(formatCanonicalRule(level(120_000_000))).toBe('>= 120000000');
    expect(formatCanonicalRule(level(1e21))).toBe('>= 1000000000000000000000');
    expect(formatCanonicalRule(level(0.0000005))).toBe('>= 0,0000005');
    expect(parseTargetRule('>= 0,0000005')).toEqual(level(0.0000005));
  });

  it.each([
    ['2021: >= 45 %; 2022: 47 %; 2023: mindst 50 pct.', '2021: >= 45 %; 2022: >= 47 %; 2023: >= 50 %'],
    ['+5 pp/år', '+5 pp per year'],
    ['-2 pp', '-2 pp'],
    ['+10%', '+10 %'],
    ['40–60 %', '40 - 60 %'],
    ['mellem -10 og 10', '-10 - 10'],
    ['udgår', 'dropped'],
    ['udført', 'done'],
    ['done by 31-12-2021', 'done by 2021-12-31'],
    ['højst 5', '<= 5'],
    ['DKK 1.234,5', '>= 1234,5 kr'],
    ['2021: >= 69 % (+5 pp fra 2020)', '2021: >= 69 % (+5 pp from 2020)'],
  ])('%s → %s', (text, canonical) => {
    expect(formatCanonicalRule(parseTargetRule(text))).toBe(canonical);
  });
});

describe('formatRuleForDisplay', () => {
  it.each([
    ['2022: >= 72 %; 2023: >= 75 %', 'da', '2022: ≥ 72 %; 2023: ≥ 75 %'],
    ['2022: >= 72,5 %; 2023: <= 1234,5 kr', 'en', '2022: ≥ 72.5 %; 2023: ≤ DKK 1,234.5'],
    ['+5 pp per year from 2020', 'da', '+5 pp pr. år fra 2020'],
    ['-10 %', 'en', '−10 %'],
    ['40 - 60 %', 'da', '40–60 %'],
    ['2022: dropped', 'da', '2022: udgår'],
    ['2022: dropped', 'en', '2022: dropped'],
    ['done by 2022-12-31', 'da', 'udført senest 31-12-2022'],
    ['done', 'en', 'done'],
    ['>= 70 NPS', 'da', '≥ 70 NPS'],
    ['2021: >= 69 % (+5 pp from 2020)', 'en', '2021: ≥ 69 % (+5 pp from 2020)'],
    ['>= 1320 (+10 % from 2021)', 'da', '≥ 1.320 (+10 % fra 2021)'],
  ] as const)('%s (%s) → %s', (text, language, shown) => {
    expect(formatRuleForDisplay(parseTargetRule(text), language)).toBe(shown);
  });

  it('property: every rule has a display form that names each of its years', () => {
    fc.assert(
      fc.property(ruleArb, fc.constantFrom<'da' | 'en'>('da', 'en'), (rule, language) => {
        const shown = formatRuleForDisplay(rule, language);
        if (rule.kind === 'schedule') for (const { year } of rule.entries) expect(shown).toContain(`${year}: `);
        expect(describeProseReading({ ...rule, prose: true }, language)).toBe(`${language === 'da' ? 'læst som' : 'read as'}: ${shown}`);
        expect(describeProseReading(rule, language)).toBeNull();
      }),
    );
  });
});
