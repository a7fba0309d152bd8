import { parseSource } from './parser';
const cases = [
  'share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Drift"',
  'share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Drift" Segment',
  'nps(Tilfredshed!Anbefaling; Segment = "Vækst")',
  "share('Survey 2022'![Hvor tilfreds er du?] in (\"I høj grad\"); exclude = (\"Ved ikke\"))",
  'count(Vejledninger!CVR; Dato >= 2022-01-01, Dato <= 2022-12-31)',
  'coverage(V!Kommune; all = Kommuner!Navn; min = 5)',
  'goal(3,1)', 'shar(A!B = "x")', '', 'share(A!B)', 'count(B)', 'sum(A!B; C > "x")', 'count(A!B; X = 2022-02-30)',
  'count(A!B; X = "a', 'count(A!B; min = 2)', 'count(A!B; X in (1, "a"))', 'count(A!B; X = Drift)', 'count(A!B; 3x = 1)',
  'count(A!B; X # 1)', 'count(A!B) extra', 'share_new(A!B)', 'count(A!B; exclude = ())', 'count(A!B; Other!C = 1)',
];
test('x', () => {
  for (const c of cases) {
    try { console.log(c, '\n  =>', JSON.stringify(parseSource(c))); } catch (e) { console.log(c, '\n  !!', (e as Error).message); }
  }
});
