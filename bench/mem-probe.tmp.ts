import { loadBook, applyPlanToBook } from '../src/xlsx';
import { recalculate } from '../src/engine';
const mb = (n: number) => Math.round(n / 1048576);
const show = (what: string) => { const m = process.memoryUsage(); console.log(what, 'rss', mb(m.rss), 'heap', mb(m.heapUsed), 'ext', mb(m.external), 'ab', mb(m.arrayBuffers), 'maxrss', Math.round(process.resourceUsage().maxRSS/1024)); };
(async () => {
  show('start');
  const book = await loadBook(process.argv[2]);
  show('loaded');
  (globalThis as any).gc?.(); show('loaded+gc');
  const r = recalculate(book.snapshot, { now: new Date(Date.UTC(2021, 9, 13, 10)), asOf: '2021-10-13' });
  show('recalculated');
  (globalThis as any).gc?.(); show('recalc+gc');
  const { bytes } = await applyPlanToBook(book, r.plan, new Date());
  show('written ' + bytes.length);
})();
