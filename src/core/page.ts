import { signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext, useEffect, useLayoutEffect } from 'preact/hooks';
import { moveFocusTo } from './focus';
import { useT } from './i18n';
import { type ScriptLine, useSpeechScript } from './page-script';
import { type Location, location } from './router';

/** What the polite live region says; the Announcer renders it. */
export const announcement = signal('');

/** Says something through the polite live region (once, even if it is the same text again). */
export function announce(text: string): void {
  announcement.value = '';
  // A new text node on the next frame makes screen readers speak repeats too.
  setTimeout(() => {
    announcement.value = text;
  }, 50);
}

// Orca 43 speaks the focused h1 ("… heading level 1") only when the object it was on is
// still alive and is not the h1 itself. After a navigation neither holds by chance: the
// control pressed went with the old page (Orca then moves to the h1 silently), and the
// browser's selection, left in the old page, falls onto the new h1 (so the caret event it
// makes puts Orca on the h1, silently, before the focus event arrives). So the selection is
// put in the skip link first (before the header, so Orca does not say "leaving banner"):
// Orca's caret event lands there, on something alive, and the h1's focus event is then a
// real change, which Orca speaks. The offset alternates because only a selection that
// changes makes an event. A collapsed selection in text that is not editable shows nothing
// on screen.
let caretOffset = 0;
function moveCaretBeforePage(): void {
  const text = document.querySelector('.skip-link')?.firstChild;
  if (!text || text.nodeType !== Node.TEXT_NODE) return;
  caretOffset = caretOffset === 0 ? 1 : 0;
  window.getSelection()?.collapse(text, Math.min(caretOffset, text.textContent?.length ?? 0));
}

/** True around a page the shell keeps on screen while the next one loads: that page is no
 *  longer the one at the current address, so it must not take focus or announce itself. */
export const PageIsHeld = createContext(false);

// The navigation last handled, and the heading that got focus for it.
let handled: { location: Location; heading: HTMLElement | null } | null = null;

/** What usePage needs to know beyond the title. */
export interface PageOptions {
  hasError?: boolean;
  /** What spoken guidance reads after the title: question, hint, answer, figures. */
  speech?: readonly ScriptLine[];
  /** The error messages on screen, read aloud after each Continue. */
  errors?: readonly string[];
  /** How many times Continue was pressed. */
  attempt?: number;
}

/** Every page calls this once: it sets the document title (prefixed "Error: " when the page
 *  shows errors) and, after an in-app navigation, moves focus to the page's h1 and announces
 *  the new page, because single-page apps are otherwise silent to screen readers. It also
 *  gives spoken guidance the page's script (guidance is separate from the live region). */
export function usePage(title: string, options: PageOptions = {}): void {
  const { t } = useT();
  const isHeld = useContext(PageIsHeld);
  useSpeechScript({
    title,
    lines: options.speech ?? [],
    errors: options.errors ?? [],
    attempt: options.attempt ?? 0,
  });
  const full = options.hasError
    ? t('page.errorTitle', { title, appName: t('appName') })
    : t('page.title', { title, appName: t('appName') });
  useEffect(() => {
    if (!isHeld) document.title = full;
  }, [full, isHeld]);
  // In a layout effect: focus moves as the new page is committed, before the browser paints
  // it, rather than a frame later.
  useLayoutEffect(() => {
    const here = location.value;
    if (isHeld || here.arrival !== 'navigation') return;
    const isSameArrival = handled?.location === here;
    // A page that first showed "Loading…" and then its question replaces its h1: focus
    // follows to the new one, unless the person has already moved on from it.
    if (isSameArrival && handled?.heading?.isConnected) return;
    const active = document.activeElement;
    if (isSameArrival && active && active !== document.body) return;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      moveCaretBeforePage();
      moveFocusTo(heading);
    }
    handled = { location: here, heading };
    if (!isSameArrival) announce(full);
  });
}
