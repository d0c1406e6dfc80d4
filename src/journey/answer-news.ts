// Asks the lender, once when the app opens, whether any application sent from this device has
// an answer the applicant has not been told about, and puts it in answerNews for the shell.
import { loadAllStrings } from '../core/i18n';
import { listSentApplications } from '../storage/sent-applications';
import { refreshSentApplications } from '../sync/sent-status';
import { answerNews } from './answer-news-state';
import { SIDE_PAGES } from './flow';

let isChecked = false;

/** Checks once per visit; offline (or with nothing sent) it leaves the news empty, and My
 *  applications shows the last known state with when it was checked. */
export async function checkAnswersOnce(): Promise<void> {
  if (isChecked) return;
  isChecked = true;
  if (listSentApplications().every((app) => app.isAccessEnded)) return;
  const references = await refreshSentApplications().catch(() => []);
  if (references.length === 0) return;
  // The news is worded in My applications' strings, which the first page does not load.
  await loadAllStrings();
  const apps = listSentApplications();
  answerNews.value = references.map((reference) => {
    const app = apps.find((a) => a.reference === reference);
    const href =
      app?.status === 'offered'
        ? `${SIDE_PAGES.offer}?id=${encodeURIComponent(app.id)}`
        : SIDE_PAGES.applications;
    return { reference, href };
  });
}
