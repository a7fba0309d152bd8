import type { Language, StatusId } from './types';

/** SPEC §3 labels; the label always carries the meaning, so a sheet reads without colour. */
export const STATUS_LABELS: Record<StatusId, Record<Language, string>> = {
  met: { da: 'Opfyldt', en: 'Met' },
  'on-track': { da: 'På vej', en: 'On track' },
  'at-risk': { da: 'I risiko', en: 'At risk' },
  'off-track': { da: 'Ikke opfyldt', en: 'Off track' },
  'no-data': { da: 'Afventer data', en: 'No data' },
  'not-applicable': { da: 'Udgået', en: 'Not applicable' },
  'no-target': { da: 'Uden måltal', en: 'No target' },
  error: { da: 'Fejl', en: 'Error' },
};

export interface StatusColours {
  /** `null`: no fill. */
  fill: string | null;
  font: string;
}

/** SPEC §1 output colours (Excel's own "good / neutral / bad" cell-style palette). */
export const STATUS_COLOURS: Record<StatusId, StatusColours> = {
  met: { fill: '#C6EFCE', font: '#006100' },
  'on-track': { fill: '#C6EFCE', font: '#006100' },
  'at-risk': { fill: '#FFEB9C', font: '#9C5700' },
  'off-track': { fill: '#FFC7CE', font: '#9C0006' },
  'no-data': { fill: '#EDEDED', font: '#595959' },
  'not-applicable': { fill: null, font: '#808080' },
  'no-target': { fill: null, font: '#808080' },
  error: { fill: '#F8CBAD', font: '#833C0B' },
};

export function statusLabel(status: StatusId, language: Language): string {
  return STATUS_LABELS[status][language];
}

/** The lower-case label used inside sentences: `3.1 at risk`, `3.1 i risiko`. */
export function statusPhrase(status: StatusId, language: Language): string {
  return STATUS_LABELS[status][language].toLocaleLowerCase(language);
}

/**
 * Manual status words (SPEC §1 Manual status column), any language, plus every status id.
 * @example parseManualStatus('gul') // 'at-risk'
 */
export function parseManualStatus(text: string): StatusId | null {
  const key = text.replace(/[\s\u00a0]+/g, ' ').trim().toLocaleLowerCase('da');
  return MANUAL_WORDS.get(key) ?? null;
}

const MANUAL_WORDS: Map<string, StatusId> = new Map<string, StatusId>([
  ['green', 'met'],
  ['grøn', 'met'],
  ['g', 'met'],
  ['yellow', 'at-risk'],
  ['amber', 'at-risk'],
  ['gul', 'at-risk'],
  ['a', 'at-risk'],
  ['y', 'at-risk'],
  ['red', 'off-track'],
  ['rød', 'off-track'],
  ['r', 'off-track'],
  ...(Object.keys(STATUS_LABELS) as StatusId[]).map((id) => [id, id] as [string, StatusId]),
  ...(Object.entries(STATUS_LABELS) as [StatusId, Record<Language, string>][]).flatMap(([id, names]) => [
    [names.da.toLocaleLowerCase('da'), id] as [string, StatusId],
    [names.en.toLocaleLowerCase('en'), id] as [string, StatusId],
  ]),
]);

/** Words of the explanations in both languages. */
const PHRASES = {
  vsTarget: { en: 'vs. target', da: 'mod måltal' },
  versus: { en: 'vs.', da: 'mod' },
  withinTolerance: { en: 'within tolerance', da: 'inden for tolerancen' },
  beyondTolerance: { en: 'beyond tolerance', da: 'uden for tolerancen' },
  expectedBy: { en: 'expected by', da: 'forventet pr.' },
  fullTarget: { en: 'full-year target', da: 'helårsmål' },
  noTargetFor: { en: 'no target for', da: 'intet måltal for' },
  droppedIn: { en: 'dropped in', da: 'udgået i' },
  noActual: { en: 'no actual yet', da: 'intet resultat endnu' },
  manual: { en: 'manual status', da: 'manuel status' },
  computed: { en: 'computed', da: 'beregnet' },
  of: { en: 'of', da: 'af' },
  mirrors: { en: 'same as goal', da: 'som mål' },
  due: { en: 'due', da: 'frist' },
  done: { en: 'done', da: 'udført' },
  inProgress: { en: 'in progress', da: 'i gang' },
  notDone: { en: 'not done', da: 'ikke udført' },
  notYetJudged: { en: 'judged after the year ends', da: 'vurderes efter årets udgang' },
  beforeYear: { en: 'the as-of date is before', da: 'opgørelsesdatoen ligger før' },
  formulaKept: { en: 'holds a formula; left as it is', da: 'indeholder en formel; ikke overskrevet' },
  ownTargetIgnored: { en: 'its own Target is ignored', da: 'eget måltal ignoreres' },
  noGoals: { en: 'no sub-goals with data', da: 'ingen delmål med data' },
  qualitative: { en: 'no target; give a Manual status', da: 'intet måltal; angiv en vurdering i Vurdering' },
} as const satisfies Record<string, Record<Language, string>>;

export function phrase(key: keyof typeof PHRASES, language: Language): string {
  return PHRASES[key][language];
}
