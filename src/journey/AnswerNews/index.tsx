import { useEffect } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { announce } from '../../core/page';
import { location } from '../../core/router';
import { AppLink } from '../../ui/AppLink';
import { answerNews } from '../answer-news-state';
import { SIDE_PAGES } from '../flow';

// Said once per visit, whatever re-renders the frame.
const said = new Set<string>();

/** After the first page is up, the check costs the first load nothing. */
const CHECK_AFTER_MS = 1500;

/** "Your application KND-… has an answer", said and shown once when the app opens online,
 *  with a link to the answer. Not on My applications or an offer, which say it themselves. */
export function AnswerNews() {
  const { t } = useT();
  const path = location.value.path;
  const isOwnPage = path === SIDE_PAGES.applications || path === SIDE_PAGES.offer;
  useEffect(() => {
    if (isOwnPage) return;
    const timer = setTimeout(
      () => void import('../answer-news').then((m) => m.checkAnswersOnce()),
      CHECK_AFTER_MS,
    );
    return () => clearTimeout(timer);
  }, []);
  const news = answerNews.value;
  useEffect(() => {
    for (const item of news) {
      if (said.has(item.reference)) continue;
      said.add(item.reference);
      announce(t('mine:hasAnswer', { reference: item.reference }));
    }
  }, [news, t]);
  // Told once: gone once the applicant has gone to see.
  useEffect(() => {
    if (isOwnPage && answerNews.value.length > 0) answerNews.value = [];
  }, [isOwnPage]);
  if (news.length === 0 || isOwnPage) return null;
  return (
    <section class="panel page-width" aria-labelledby="answer-news-title">
      <h2 id="answer-news-title">{t('mine:newsTitle')}</h2>
      {news.map((item) => (
        <p key={item.reference}>
          {t('mine:hasAnswer', { reference: item.reference })}{' '}
          <AppLink href={item.href}>
            {t('mine:seeAnswer')} <span class="visually-hidden">{item.reference}</span>
          </AppLink>
        </p>
      ))}
    </section>
  );
}
