import { writeFileSync } from 'node:fs';
import { languageNames, type VisitRecord } from './script';

const quote = (text: string) => `“${text}”`;

/** "3. Settings (Chinese)". */
export function visitTitle(record: VisitRecord, index: number): string {
  return `${index + 1}. ${record.page} (${languageNames[record.lang]})`;
}

/** One visit as Markdown: each step, the keys pressed, what Orca said, what fell short.
 *  `gapNotes` numbers the reasons for known gaps, shared by the whole transcript. */
export function visitMarkdown(record: VisitRecord, index: number, gapNotes: string[] = []): string {
  const lines = [`## ${visitTitle(record, index)}`, ''];
  for (const step of record.steps) {
    const keys = step.keys.length ? ` — \`${step.keys.join(' ')}\`` : '';
    const said = step.spoken.length
      ? step.spoken.map(quote).join(' · ')
      : step.leaves
        ? '(what Orca says next is under the next page)'
        : '(silence)';
    lines.push(`- ${step.failures.length ? '✗ ' : ''}**${step.does}**${keys}: ${said}`);
    for (const failure of step.failures) lines.push(`  - ✗ ${failure}`);
    for (const gap of step.gaps) {
      if (!gapNotes.includes(gap.why)) gapNotes.push(gap.why);
      lines.push(
        `  - not said, a known gap [${gapNotes.indexOf(gap.why) + 1}]: ${quote(gap.text)}`,
      );
    }
  }
  return lines.join('\n');
}

/** Writes the whole run's transcript, for a person to read what a blind applicant hears. */
export function writeTranscript(
  path: string,
  records: VisitRecord[],
  about: { orca: string; seconds: number; note: string },
): void {
  const gapNotes: string[] = [];
  const visits = records.map((record, index) => visitMarkdown(record, index, gapNotes));
  const parts = [
    '# What Orca says in Kindly, page by page',
    `Orca ${about.orca} reading Chromium under Xvfb, keys pressed with xdotool; the words are those ` +
      'Orca handed to speech-dispatcher ("tab", "left shift", "space" and "return" are its key ' +
      `echo). ${new Date().toISOString()}, ${about.seconds.toFixed(1)} s.` +
      (about.note ? ` ${about.note}` : ''),
    ...visits,
  ];
  if (gapNotes.length > 0) {
    parts.push(['## Known gaps', '', ...gapNotes.map((why, i) => `${i + 1}. ${why}`)].join('\n'));
  }
  writeFileSync(path, `${parts.join('\n\n')}\n`);
}
