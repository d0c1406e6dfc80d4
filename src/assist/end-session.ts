import { signal } from '@preact/signals';
import { chooseLanguage } from '../core/i18n';
import { defaultSettings, type Language, type Settings } from '../core/settings/settings-state';
import { applySettingsToDocument, SETTINGS_KEY, settings } from '../core/settings/settings-store';
import { BRANCH_DEVICE_KEY, STAFF_DEVICES_KEY, STAFF_SIGN_OUT_KEY } from '../core/staff-session';
import { flushDraft, resetAnswers } from '../journey/store';
import { listOutbox } from '../storage/outbox';
import { type WipeResult, wipeApplicantData } from '../storage/wipe';
import { outboxVersion } from '../sync/outbox-sender';
import { signOutStaff } from './sign-out';

/** How the last wipe went, for the page that confirms it: how many applications were kept
 *  to be sent, how many drafts stay put away for staff, and the voice to confirm it with if
 *  guidance was on. */
export const lastWipe = signal<{
  unsent: number;
  parked: number;
  voice: { lang: Language; rate: number; uri: string } | null;
} | null>(null);

/** How many applications are waiting in the outbox (they survive the wipe). */
export async function unsentCount(): Promise<number> {
  return (await listOutbox().catch(() => [])).length;
}

/** Erases what this tablet keeps of the person using it: signs staff out if they were
 *  helping (on the server now, or at the next connection), and wipes every trace of the
 *  applicant but the sealed applications waiting to be sent and drafts put away for staff;
 *  saved settings go, the branch-device mark stays. On screen the settings go back to the
 *  defaults, or stay as `onScreen` until Kindly is closed (unsaved), for a person who erases
 *  their own data and still needs their language and text size to read the result. */
export async function eraseThisTablet(onScreen?: Settings): Promise<WipeResult> {
  await signOutStaff();
  resetAnswers();
  await flushDraft();
  const kept = await wipeApplicantData([BRANCH_DEVICE_KEY, STAFF_SIGN_OUT_KEY, STAFF_DEVICES_KEY]);
  const fresh = onScreen ?? defaultSettings(navigator.languages ?? [navigator.language]);
  await chooseLanguage(fresh.lang);
  settings.value = fresh;
  applySettingsToDocument(fresh);
  // Not saved: nothing of the last person's choices stays on the tablet.
  try {
    localStorage.removeItem(SETTINGS_KEY);
  } catch {
    // Storage blocked: nothing was saved either.
  }
  outboxVersion.value++;
  return kept;
}

/** Ends the assisted session: everything `eraseThisTablet` does, in the tablet's own
 *  language, noting for the next page what was kept and the voice to confirm it with. */
export async function endAssistedSession(): Promise<void> {
  const before = settings.value;
  const { unsent, parked } = await eraseThisTablet();
  lastWipe.value = {
    unsent,
    parked,
    voice: before.voiceGuidance
      ? { lang: settings.value.lang, rate: before.voiceRate, uri: before.voiceURI }
      : null,
  };
}
