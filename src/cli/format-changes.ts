import { changesHeading, changeWord, countChanges, formatChangeSide, type ContractChanges, type Language, type Recalculation } from '../engine';

/**
 * The contract changes of a book (docs/spec.md §9) as the command line shows them: under the tables,
 * a summary line per pair and one line per goal that is not unchanged, and in `--json` every goal.
 */

/** One pair's part of the JSON report (docs/spec.md §6, §9): every ID; `before`/`after` for an adjusted goal. */
export interface JsonContractChanges {
  from: string;
  to: string;
  goals: { id: string; title: string | null; change: string; before?: string; after?: string }[];
}

/** @example toJsonChanges(recalculation)[0].goals[0] // { id: '1', title: 'Kendskab', change: 'adjusted', before: '2022: >= 47,5 %; 2023: >= 50 %', after: '2022: —; 2023: >= 50 %' } */
export function toJsonChanges(recalculation: Recalculation): JsonContractChanges[] {
  return (recalculation.changes ?? []).map((pair) => ({
    from: pair.from,
    to: pair.to,
    goals: pair.goals.map((goal) => ({
      id: goal.id,
      title: goal.title,
      change: goal.change,
      ...(goal.change === 'adjusted' ? { before: goal.before ?? '', after: goal.after ?? '' } : {}),
    })),
  }));
}

/**
 * `Ændringer fra Mål 2021 til Mål 2022: 12 uændret, 5 justeret, 4 tages ud, 1 ny` and one line per
 * changed goal, in `--lang` when given, else the later sheet's language (as the summary line under
 * it); empty when the book has no pair of contract years.
 *
 * @example formatChanges(recalculation) // 'Ændringer fra Mål 2021 til Mål 2022: …\n  1     justeret  2022: ≥ 47,5 %; 2023: ≥ 50 % → 2022: —; 2023: ≥ 50 %'
 */
export function formatChanges(recalculation: Recalculation, lang?: Language): string {
  return (recalculation.changes ?? [])
    .map((pair) => {
      const language: Language = lang ?? recalculation.sheets.find((sheet) => sheet.name === pair.to)?.language ?? 'da';
      return [summaryLine(pair, language), ...changedLines(pair, language)].join('\n');
    })
    .join('\n\n');
}

function summaryLine(pair: ContractChanges, language: Language): string {
  return `${changesHeading(pair.from, pair.to, language)}: ${countChanges(pair, language)}`;
}

function changedLines(pair: ContractChanges, language: Language): string[] {
  const changed = pair.goals.filter((goal) => goal.change !== 'unchanged');
  const idWidth = Math.max(0, ...changed.map((goal) => goal.id.length));
  const wordWidth = Math.max(0, ...changed.map((goal) => changeWord(goal.change, language).length));
  return changed.map((goal) => {
    const before = formatChangeSide(goal.beforeSide, language);
    const after = formatChangeSide(goal.afterSide, language);
    const sides = goal.change === 'adjusted' ? `${before} → ${after}` : goal.change === 'new' ? after : before;
    return `  ${goal.id.padEnd(idWidth)}  ${changeWord(goal.change, language).padEnd(wordWidth)}  ${sides}`.trimEnd();
  });
}
