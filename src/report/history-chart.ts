import { STATUS_COLOURS } from '../engine';
import type { Language, StatusId, Unit } from '../engine';
import { escapeHtml } from './escape-html';
import { formatActualValue as formatActual, formatTargetValue as formatTarget } from '../engine';
import { shortDate } from './format-values';
import type { HistoryPoint } from './report-model';

/**
 * A goal's actual over time as a small inline SVG (SPEC §8): the actual as a line, the target of
 * each snapshot as a dashed line (two for a range), and a marker per snapshot whose *shape* says
 * its status, so colour is never the only carrier; the `<title>` names every snapshot in words.
 */

export interface HistoryChartOptions {
  goalId: string;
  goalTitle: string;
  unit: Unit | null;
  language: Language;
  /** Unique within the page, for `aria-labelledby`. */
  elementId: string;
  /** The status labels in the report's language. */
  labels: Record<StatusId, string>;
}

const WIDTH = 280;
const HEIGHT = 96;
const PAD = { left: 44, right: 10, top: 8, bottom: 20 };

/** Readable on white (WCAG AA) where the sheet's own grey (#808080) is not. */
const MARKER_STROKE_FALLBACK = '#595959';

type Shape = 'circle' | 'triangle' | 'square' | 'ring' | 'diamond';

/** Shapes by meaning: good is round, at risk a triangle, off track a square; the rest hollow. */
export const STATUS_SHAPES: Record<StatusId, Shape> = {
  met: 'circle',
  'on-track': 'circle',
  'at-risk': 'triangle',
  'off-track': 'square',
  'no-data': 'ring',
  'not-applicable': 'ring',
  'no-target': 'ring',
  error: 'diamond',
};

const WORDS = {
  chartOf: { da: 'Resultat over tid for mål', en: 'Actual over time for goal' },
  target: { da: 'måltal', en: 'target' },
} as const;

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function round1(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function marker(shape: Shape, x: number, y: number, fill: string, stroke: string): string {
  const common = `fill="${fill}" stroke="${stroke}" stroke-width="1.5"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${round1(x)}" cy="${round1(y)}" r="4.5" ${common}/>`;
    case 'ring':
      return `<circle cx="${round1(x)}" cy="${round1(y)}" r="4" fill="#FFFFFF" stroke="${stroke}" stroke-width="1.5"/>`;
    case 'square':
      return `<rect x="${round1(x - 4)}" y="${round1(y - 4)}" width="8" height="8" ${common}/>`;
    case 'triangle':
      return `<path d="M${round1(x)} ${round1(y - 5.5)}L${round1(x + 5)} ${round1(y + 4)}L${round1(x - 5)} ${round1(y + 4)}Z" ${common}/>`;
    case 'diamond':
      return `<path d="M${round1(x)} ${round1(y - 5)}L${round1(x + 5)} ${round1(y)}L${round1(x)} ${round1(y + 5)}L${round1(x - 5)} ${round1(y)}Z" ${common}/>`;
  }
}

/**
 * One snapshot in words: `30-06-2021: 70 % (I risiko; måltal 80 %)`; one without an actual says
 * its status (`30-06-2021: Afventer data; måltal 80 %`).
 */
export function describePoint(point: HistoryPoint, options: Pick<HistoryChartOptions, 'unit' | 'language' | 'labels'>): string {
  const target = formatTarget(point.target, options.unit, options.language);
  const targetPart = target ? `; ${WORDS.target[options.language]} ${target}` : '';
  if (point.actual === null) return `${shortDate(point.asOf)}: ${options.labels[point.status]}${targetPart}`;
  return `${shortDate(point.asOf)}: ${formatActual(point.actual, options.unit, options.language)} (${options.labels[point.status]}${targetPart})`;
}

/**
 * The chart's SVG markup. Every text in it is escaped; the points must be two or more, oldest first.
 *
 * @example renderHistoryChart(points, { goalId: '3.1', goalTitle: 'NPS', unit: 'NPS', language: 'da', elementId: 'c1', labels })
 */
export function renderHistoryChart(points: readonly HistoryPoint[], options: HistoryChartOptions): string {
  const days = points.map((p) => dayNumber(p.asOf));
  const values: number[] = [];
  for (const p of points) {
    if (p.actual !== null) values.push(p.actual);
    if (Array.isArray(p.target)) values.push(p.target[0], p.target[1]);
    else if (p.target !== null) values.push(p.target);
  }
  const low = values.length > 0 ? Math.min(...values) : 0;
  const high = values.length > 0 ? Math.max(...values) : 1;
  const span = high - low || Math.max(Math.abs(high), 1);
  const yMin = low - span * 0.15;
  const yMax = high + span * 0.15;
  const firstDay = days[0] as number;
  const lastDay = days[days.length - 1] as number;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (day: number): number => PAD.left + (lastDay === firstDay ? plotWidth / 2 : ((day - firstDay) / (lastDay - firstDay)) * plotWidth);
  const y = (value: number): number => PAD.top + plotHeight - ((value - yMin) / (yMax - yMin)) * plotHeight;
  const baseline = PAD.top + plotHeight;

  const parts: string[] = [];
  parts.push(`<line x1="${PAD.left}" y1="${baseline}" x2="${WIDTH - PAD.right}" y2="${baseline}" stroke="#767676" stroke-width="1"/>`);
  const targetLine = (pick: (t: number | [number, number]) => number): string => {
    const coords = points.flatMap((p, i) => (p.target === null ? [] : [`${round1(x(days[i] as number))},${round1(y(pick(p.target)))}`]));
    return coords.length >= 2
      ? `<polyline points="${coords.join(' ')}" fill="none" stroke="#404040" stroke-width="1.2" stroke-dasharray="4 3"/>`
      : coords.length === 1
        ? `<line x1="${PAD.left}" y1="${coords[0]!.split(',')[1]}" x2="${WIDTH - PAD.right}" y2="${coords[0]!.split(',')[1]}" stroke="#404040" stroke-width="1.2" stroke-dasharray="4 3"/>`
        : '';
  };
  parts.push(targetLine((t) => (Array.isArray(t) ? t[0] : t)));
  if (points.some((p) => Array.isArray(p.target))) parts.push(targetLine((t) => (Array.isArray(t) ? t[1] : t)));
  // The actual's line breaks where a snapshot had none, rather than drawing through it.
  let run: string[] = [];
  const runs: string[][] = [];
  points.forEach((p, i) => {
    if (p.actual === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(`${round1(x(days[i] as number))},${round1(y(p.actual))}`);
  });
  if (run.length) runs.push(run);
  for (const r of runs) if (r.length >= 2) parts.push(`<polyline points="${r.join(' ')}" fill="none" stroke="#1F4E79" stroke-width="2"/>`);
  points.forEach((p, i) => {
    const colours = STATUS_COLOURS[p.status];
    const stroke = colours.fill === null ? MARKER_STROKE_FALLBACK : colours.font;
    const py = p.actual === null ? baseline : y(p.actual);
    parts.push(marker(STATUS_SHAPES[p.status], x(days[i] as number), py, colours.fill ?? '#FFFFFF', stroke));
  });
  const axisText = (tx: number, ty: number, anchor: string, text: string): string =>
    `<text x="${round1(tx)}" y="${round1(ty)}" font-size="9" fill="#404040" text-anchor="${anchor}">${escapeHtml(text)}</text>`;
  const fmt = (v: number): string => formatActual(v, options.unit, options.language);
  if (values.length > 0) {
    parts.push(axisText(PAD.left - 4, y(high) + 3, 'end', fmt(high)));
    if (high !== low) parts.push(axisText(PAD.left - 4, y(low) + 3, 'end', fmt(low)));
  }
  parts.push(axisText(PAD.left, HEIGHT - 5, 'start', shortDate(points[0]!.asOf)));
  parts.push(axisText(WIDTH - PAD.right, HEIGHT - 5, 'end', shortDate(points[points.length - 1]!.asOf)));

  const description = `${WORDS.chartOf[options.language]} ${options.goalId} ${options.goalTitle}: ${points.map((p) => describePoint(p, options)).join('; ')}`;
  const titleId = `${options.elementId}-title`;
  return (
    `<svg class="chart" role="img" aria-labelledby="${escapeHtml(titleId)}" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${escapeHtml(titleId)}">${escapeHtml(description)}</title>${parts.filter(Boolean).join('')}</svg>`
  );
}
