import { findClosestNames, foldName, measureEditDistance } from './closest-names';
import { readNpsScore } from './aggregate-nps';
import { isValidCvr, normalizeCvr, readDay, textKeyOf } from './data-sheet';
import { normalizeHeader } from '../cell-text';
import { dayFromYmd } from '../dates';
import { createSourceEvaluator } from './index';

describe('CVR', () => {
  it('accepts 8 digits whose weighted sum (2,7,6,5,4,3,2,1) is divisible by 11', () => {
    // 1·2 + 0·7 + 1·6 + 5·5 + 0·4 + 8·3 + 1·2 + 7·1 = 66 = 6 × 11.
    expect(isValidCvr('10150817')).toBe(true);
    // 1·2 + 2·7 + 3·6 + 4·5 + 5·4 + 6·3 + 7·2 + 8·1 = 114, not divisible by 11.
    expect(isValidCvr('12345678')).toBe(false);
    expect(isValidCvr('1015081')).toBe(false);
    expect(isValidCvr('101508170')).toBe(false);
  });

  it('normalises numbers and text with a DK prefix, spaces and dashes to digits', () => {
    expect(normalizeCvr(10150817)).toBe('10150817');
    expect(normalizeCvr(' DK 10 15 08 17 ')).toBe('10150817');
    expect(normalizeCvr('dk-10150817')).toBe('10150817');
    expect(normalizeCvr(null)).toBe('');
  });
});

describe('text keys and headers', () => {
  it('trims, collapses white space including NBSP, and lower-cases', () => {
    expect(textKeyOf('  Meget\u00a0 Tilfreds\u00a0')).toBe('meget tilfreds');
    expect(textKeyOf('Drift')).toBe('drift');
    expect(textKeyOf(4.5)).toBe('4.5');
    expect(textKeyOf(true)).toBe('true');
    expect(textKeyOf('   ')).toBe('');
  });

  it('drops a trailing colon from headers', () => {
    expect(normalizeHeader(' Hvor  tilfreds er du? : ')).toBe('hvor tilfreds er du?');
  });

  it('reads JS date-time text as its calendar day', () => {
    expect(readDay('2021-10-13T00:00:00.000Z')).toBe(dayFromYmd(2021, 10, 13));
    expect(readDay('i går')).toBeNull();
  });
});

describe('readNpsScore', () => {
  it('reads 0–10 and labels that start with a score, nothing else', () => {
    expect(readNpsScore(10, null)).toBe(10);
    expect(readNpsScore('10 - Meget sandsynligt', null)).toBe(10);
    expect(readNpsScore('0 = Slet ikke', null)).toBe(0);
    expect(readNpsScore('7', null)).toBe(7);
    expect(readNpsScore(11, null)).toBeNull();
    expect(readNpsScore('100', null)).toBeNull();
    expect(readNpsScore('7,5', null)).toBeNull();
    expect(readNpsScore(7.5, null)).toBeNull();
    expect(readNpsScore('Meget sandsynligt', null)).toBeNull();
    expect(readNpsScore(-1, null)).toBeNull();
  });
});

describe('closest names', () => {
  it('folds case and accents, æ and ø included', () => {
    expect(foldName('Tilfredshéd')).toBe('tilfredshed');
    expect(foldName('Læsø Å')).toBe('laeso a');
  });

  it('measures edit distance', () => {
    expect(measureEditDistance('kitten', 'sitting')).toBe(3);
    expect(measureEditDistance('', 'abc')).toBe(3);
  });

  it('returns at most three, nearest first, without repeats', () => {
    expect(findClosestNames('Kompetence', ['Segment', 'Kompetencer', 'kompetencer', 'Kommune', 'Dato'])).toEqual(['Kompetencer', 'Kommune', 'Segment']);
  });
});

describe('caches', () => {
  it('keeps filter verdicts apart for different labels sheets in one evaluator', () => {
    const evaluator = createSourceEvaluator({
      sheets: [
        { name: 'Dataset', values: [['s_1'], [1], [2], [1]] },
        { name: 'Koder', values: [['s_1', 1, 'Ja'], ['s_1', 2, 'Nej']] },
      ],
    });
    // Without labels "Ja" matches no code: 0 rows; with labels it is code 1: 2 rows.
    expect(evaluator.evaluate('count(Dataset!s_1; s_1 = "Ja")', 'J7', 'Source')).toMatchObject({ value: 0 });
    expect(evaluator.evaluate('count(Dataset!s_1; s_1 = "Ja"; labels = Koder)', 'J7', 'Source')).toMatchObject({ value: 2 });
    expect(evaluator.evaluate('count(Dataset!s_1; s_1 = "Ja")', 'J7', 'Source')).toMatchObject({ value: 0 });
  });
});
