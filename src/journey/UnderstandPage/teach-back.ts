import type { Schedule } from '../../loan';

/** The three answers offered to "How much will you pay each month?": the true first
 *  payment, and two figures people commonly mistake for it (the loan shared out with no
 *  interest, and the whole amount repaid), in ascending order so position gives nothing
 *  away. When two would be equal, a nearby round figure stands in. */
export function teachBackChoices(schedule: Schedule, principal: number): number[] {
  const months = schedule.instalments.length;
  const correct = schedule.instalments[0]?.payment ?? 0;
  const candidates = [Math.round(principal / months), schedule.totalPayable];
  const choices = new Set([correct]);
  for (const c of candidates) if (c !== correct) choices.add(c);
  let extra = Math.round(correct * 1.5);
  while (choices.size < 3) {
    choices.add(extra);
    extra += 100;
  }
  return [...choices].sort((x, y) => x - y);
}
