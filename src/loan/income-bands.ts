// The monthly income ranges an applicant picks from: the journey offers them, and the lender's
// pre-assessment judges affordability on their lower edge.

/** The monthly income ranges offered; amounts in minor units, `max` exclusive. */
export const INCOME_BANDS = [
  { id: 'under-2000', min: 0, max: 200_000 },
  { id: '2000-3999', min: 200_000, max: 400_000 },
  { id: '4000-5999', min: 400_000, max: 600_000 },
  { id: '6000-9999', min: 600_000, max: 1_000_000 },
  { id: '10000-19999', min: 1_000_000, max: 2_000_000 },
  { id: '20000-plus', min: 2_000_000, max: null },
] as const;

/** The lower edge of an income range (affordability is judged on what is sure), or null for
 *  an applicant who chose not to say. */
export function incomeFloor(band: string | null): number | null {
  return INCOME_BANDS.find((b) => b.id === band)?.min ?? null;
}
