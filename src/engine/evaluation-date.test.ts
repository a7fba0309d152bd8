import { parseAsOfDate, parseEvaluationYear } from './evaluation-date';

describe('parseEvaluationYear', () => {
  it.each([
    ['2021', 2021],
    [' 2021 ', 2021],
    ['1900', 1900],
    ['9999', 9999],
  ])('accepts %j', (text, year) => {
    expect(parseEvaluationYear(text)).toBe(year);
  });
  it.each(['21', '20211', '1899', '0000', '2021.0', '2021-2022', '', 'år'])('refuses %j', (text) => {
    expect(parseEvaluationYear(text)).toBeNull();
  });
});

describe('parseAsOfDate', () => {
  it('accepts a real ISO date and trims it', () => {
    expect(parseAsOfDate(' 2021-10-13 ')).toBe('2021-10-13');
    expect(parseAsOfDate('2024-02-29')).toBe('2024-02-29');
  });
  it.each(['2021-02-29', '2021-13-01', '13-10-2021', '2021-10-1', '2021/10/13', ''])('refuses %j', (text) => {
    expect(parseAsOfDate(text)).toBeNull();
  });
});
