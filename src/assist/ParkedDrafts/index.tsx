import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { navigate } from '../../core/router';
import { staffSession } from '../../core/staff-session';
import { startJourneyOnce } from '../../journey/routes';
import { listParked, type ParkedDraft, parkDraft, takeParked } from '../../storage/draft';
import { continueAt } from '../continue-at';
import { momentText } from '../format';

/** On the signed-in staff page: the applications put away on this tablet when it was left
 *  alone, that this staff member may open (theirs, or any staff's), each by its time only. */
export function ParkedDrafts() {
  const { t, lang } = useT();
  const staffId = staffSession.value?.staff.id ?? null;
  const [parked, setParked] = useState<ParkedDraft[]>([]);
  const [opening, setOpening] = useState<string | null>(null);
  useEffect(() => {
    if (staffId) void listParked(staffId).then(setParked);
  }, [staffId]);
  if (!staffId || parked.length === 0) return null;

  const onOpen = async (key: string) => {
    if (opening) return;
    setOpening(key);
    // The journey's own draft is read first, so it does not overwrite the one opened; an
    // application already in progress is put away in its place rather than lost.
    await startJourneyOnce();
    const store = await import('../../journey/store');
    if (store.hasAnswers()) {
      await store.flushDraft();
      await parkDraft(staffId);
    }
    const draft = await takeParked(key, staffId);
    setOpening(null);
    if (!draft) {
      setParked(await listParked(staffId));
      return;
    }
    const path = continueAt(draft.lastPath);
    store.takeBackAnswers(draft.answers, path, draft.enteredBy);
    navigate(path);
  };

  return (
    <section class="panel" aria-labelledby="parked-title">
      <h2 id="parked-title">{t('assist:parked.title')}</h2>
      <ul class="parked-list">
        {parked.map((p) => (
          <li key={p.key}>
            <p>
              {t('assist:parked.item', {
                time: momentText(new Date(p.parkedAt).toISOString(), lang),
              })}
            </p>
            <button type="button" class="button button--wide" onClick={() => void onOpen(p.key)}>
              {opening === p.key ? t('assist:parked.opening') : t('assist:parked.open')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
