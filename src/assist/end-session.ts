import { signal } from '@preact/signals';
import { chooseLanguage } from '../app/i18n';
import type { Language } from '../app/settings/settings-state';
import { defaultSettings } from '../app/settings/settings-state';
import { applySettingsToDocument, SETTINGS_KEY, settings } from '../app/settings/settings-store';
import { flushDraft, resetAnswers } from '../journey/store';
import { listOutbox } from '../storage/outbox';
import { wipeApplicantData } from '../storage/wipe';
import { endStaffSession } from '../sync/api';
import { outboxVersion } from '../sync/outbox-sender';
import { answeringNow } from './answering';
import {
  BRANCH_DEVICE_KEY,
  forgetStaffSession,
  STAFF_DEVICES_KEY,
  staffSession,
} from './staff-session';

/** How the last wipe went, for the page that confirms it: how many applications were kept
 *  to be sent, and the voice to confirm it with if guidance was on. */
export const lastWipe = signal<{
  unsent: number;
  voice: { lang: Language; rate: number; uri: string } | null;
} | null>(null);

/** How many applications are waiting in the outbox (they survive the wipe). */
export async function unsentCount(): Promise<number> {
  return (await listOutbox().catch(() => [])).length;
}

/** Ends the assisted session: signs staff out on the server (if it can be reached), and
 *  wipes every trace of the applicant from this tablet but the applications waiting to be
 *  sent; settings go back to the defaults, the branch-device mark stays. */
export async function endAssistedSession(): Promise<void> {
  const session = staffSession.value;
  const before = settings.value;
  forgetStaffSession();
  answeringNow.value = 'applicant';
  if (session) {
    // The server's session ends by its own expiry if the tablet is offline now.
    await endStaffSession(session.token).catch(() => null);
  }
  resetAnswers();
  await flushDraft();
  const { unsent } = await wipeApplicantData([BRANCH_DEVICE_KEY, STAFF_DEVICES_KEY]);
  const fresh = defaultSettings(navigator.languages ?? [navigator.language]);
  await chooseLanguage(fresh.lang);
  settings.value = fresh;
  applySettingsToDocument(fresh);
  // Defaults need no saving: nothing of the last person's choices stays on the tablet.
  try {
    localStorage.removeItem(SETTINGS_KEY);
  } catch {
    // Storage blocked: nothing was saved either.
  }
  outboxVersion.value++;
  lastWipe.value = {
    unsent,
    voice: before.voiceGuidance
      ? { lang: fresh.lang, rate: before.voiceRate, uri: before.voiceURI }
      : null,
  };
}
