import { createModel, effect, signal, untracked } from '@preact/signals';
import { location } from '../core/router';
import { isAssisted } from '../core/staff-session';
import { clearDraft, loadDraft, saveDraft } from '../storage/draft';
import { getOutboxEntry } from '../storage/outbox';
import { findSentByLocalId } from '../storage/sent-applications';
import { clearSessionDraft, loadSessionDraft } from '../storage/session-draft';
import { answeringNow, resetAnswering } from './answering';
import { type Answers, emptyAnswers } from './answers';
import { isStorageFull, resumePath } from './draft-status';
import { type EnteredByMap, recordEntered, sanitizeEnteredBy } from './entered-by';
import { SIDE_PAGES } from './flow';

/** How long typing may pause before the draft is saved; Continue saves at once. */
export const SAVE_DELAY_MS = 400;

function sanitize(saved: unknown): Answers {
  const base = emptyAnswers();
  if (typeof saved !== 'object' || saved === null) return base;
  // Only known keys of the right type are taken back, so an old or damaged draft cannot
  // put the journey into a state it does not expect.
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(saved)) {
    const expected = base[key as keyof Answers];
    if (!(key in base)) continue;
    if (expected === null || typeof value === typeof expected) result[key] = value;
  }
  return result as unknown as Answers;
}

function hasProgress(a: Answers): boolean {
  return JSON.stringify(a) !== JSON.stringify(emptyAnswers());
}

function isJourneyPath(path: string): boolean {
  return (
    path.startsWith('/apply') &&
    path !== SIDE_PAGES.confirmation &&
    path !== SIDE_PAGES.applications
  );
}

/** The journey's store: the application in progress, who entered each answer, and the
 *  draft on the device that keeps them. The app has one (below); tests make their own. */
export const JourneyStore = createModel(() => {
  /** The application in progress. Views read it; they change it only through saveAnswers. */
  const answers = signal<Answers>(emptyAnswers());
  /** Who entered each answer: staff (in an assisted session, when the toggle says so) or the
   *  applicant. Saved with the draft, sent with an assisted application. */
  const enteredBy = signal<EnteredByMap>({});
  // Set once the saved draft has been read: from then on the draft is kept on the device.
  const isKeeping = signal(false);
  // Which application this draft is: the outbox keys its item by it, so the same draft is
  // never queued twice, even from two tabs.
  let draftId: string = crypto.randomUUID();
  let lastPath = '/apply';
  let timer: ReturnType<typeof setTimeout> | null = null;
  let saving: Promise<void> = Promise.resolve();

  function cancelDelayedSave(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function flushDraft(): Promise<void> {
    cancelDelayedSave();
    const snapshot = answers.value;
    if (!hasProgress(snapshot)) return saving;
    const draft = {
      draftId,
      answers: { ...snapshot },
      enteredBy: enteredBy.value,
      lastPath,
      savedAt: Date.now(),
    };
    saving = saving.then(async () => {
      const result = await saveDraft(draft);
      isStorageFull.value = result === 'quota';
    });
    return saving;
  }

  // Continue (and every other move between journey pages) saves at once, with the page. Only
  // the location is followed: the answers are read untracked, or every keystroke would be
  // saved at once too rather than after the pause in typing.
  effect(() => {
    if (!isKeeping.value) return;
    const { path } = location.value;
    if (!isJourneyPath(path)) return;
    lastPath = path;
    // "Continue your application" leads back to the page the applicant left, even one
    // where they only looked (Check your answers) and changed nothing.
    if (hasProgress(answers.peek())) resumePath.value = path;
    untracked(() => void flushDraft());
  });
  effect(() => {
    if (!isKeeping.value) return;
    const saveBeforeLeaving = () => {
      if (document.visibilityState === 'hidden') void flushDraft();
    };
    const saveOnLeaving = () => void flushDraft();
    document.addEventListener('visibilitychange', saveBeforeLeaving);
    window.addEventListener('pagehide', saveOnLeaving);
    return () => {
      document.removeEventListener('visibilitychange', saveBeforeLeaving);
      window.removeEventListener('pagehide', saveOnLeaving);
    };
  });
  // A store that is disposed drops the save it was still waiting to make.
  effect(() => cancelDelayedSave);

  function resetAnswers(): void {
    cancelDelayedSave();
    resetAnswering();
    answers.value = emptyAnswers();
    enteredBy.value = {};
    draftId = crypto.randomUUID();
    lastPath = '/apply';
    resumePath.value = null;
    isStorageFull.value = false;
    saving = saving.then(clearDraft);
  }

  return {
    answers,
    enteredBy,
    /** Writes the draft now (cancelling a pending delayed save); resolves once it is stored. */
    flushDraft,
    /** Reads the saved draft into the store and starts keeping it; the shell awaits this. */
    async restoreAnswers(): Promise<void> {
      // A tab that was open before drafts moved to IndexedDB kept its answers in
      // sessionStorage: they are taken over once, sealed, and removed from there.
      const legacy = loadSessionDraft();
      if (legacy !== null) {
        answers.value = sanitize(legacy);
        clearSessionDraft();
      } else {
        const saved = await loadDraft();
        // A draft whose application is already in the outbox or sent (the tab closed while
        // Send was under way) is finished: the outbox owns it now.
        const isSubmitted =
          saved !== null &&
          (findSentByLocalId(saved.draftId) !== null ||
            (await getOutboxEntry(saved.draftId).catch(() => null)) !== null);
        if (saved && isSubmitted) await clearDraft();
        else if (saved) {
          answers.value = sanitize(saved.answers);
          enteredBy.value = sanitizeEnteredBy(saved.enteredBy);
          draftId = saved.draftId;
          lastPath = saved.lastPath;
        }
      }
      resumePath.value = hasProgress(answers.value) ? lastPath : null;
      isKeeping.value = true;
    },
    /** Records answers: kept in memory at once, saved to the device after a short pause in
     *  typing (Continue saves at once). */
    saveAnswers(change: Partial<Answers>): void {
      const before = answers.value;
      answers.value = { ...before, ...change };
      enteredBy.value = recordEntered(
        enteredBy.value,
        change,
        isAssisted.value ? answeringNow.value : 'applicant',
        before,
      );
      resumePath.value = lastPath;
      cancelDelayedSave();
      timer = setTimeout(() => void flushDraft(), SAVE_DELAY_MS);
    },
    /** The id of the application in progress (the outbox item it becomes is keyed by it). */
    currentDraftId(): string {
      return draftId;
    },
    /** Starts a new application, forgetting the old answers on this device. */
    resetAnswers,
    /** Puts answers taken back from the outbox (a refused application) or brought with a
     *  resume code into a new draft. */
    takeBackAnswers(saved: unknown, path: string, entered: unknown = {}): void {
      resetAnswers();
      answers.value = { ...sanitize(saved), idempotencyKey: '', declarationAccepted: false };
      enteredBy.value = sanitizeEnteredBy(entered);
      lastPath = path;
      resumePath.value = path;
      void flushDraft();
    },
    /** The draft as it travels to another device with a resume code (the server's contract):
     *  the answers, who entered them, and the page to continue at; no send key. */
    draftForTransfer(): {
      version: 1;
      path: string;
      answers: Answers;
      enteredBy: EnteredByMap;
    } {
      return {
        version: 1,
        path: lastPath,
        answers: { ...answers.value, idempotencyKey: '', declarationAccepted: false },
        enteredBy: enteredBy.value,
      };
    },
    /** True when there is an application in progress worth keeping. */
    hasAnswers(): boolean {
      return hasProgress(answers.value);
    },
  };
});

/** A journey store: its signals and actions, and a dispose that stops what it keeps. */
export type JourneyStore = InstanceType<typeof JourneyStore>;

/** The app's one journey store. */
export const journeyStore: JourneyStore = new JourneyStore();

// Its members by name, as the pages import them.
export const {
  answers,
  enteredBy,
  flushDraft,
  restoreAnswers,
  saveAnswers,
  currentDraftId,
  resetAnswers,
  takeBackAnswers,
  draftForTransfer,
  hasAnswers,
} = journeyStore;
