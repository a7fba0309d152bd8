import { STATUS_LABELS } from './glossary';
import type { Language, StatusId } from './types';

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
  readAs: { en: 'read as', da: 'læst som' },
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
  qualitative: { en: 'no target; give a Manual status', da: 'intet måltal; angiv en status i Manuel status' },
} as const satisfies Record<string, Record<Language, string>>;

export function phrase(key: keyof typeof PHRASES, language: Language): string {
  return PHRASES[key][language];
}
