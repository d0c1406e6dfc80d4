import { announcement } from '../../core/page';

/** The one polite live region. It is in the page from the first render and only its text
 *  changes: VoiceOver ignores text injected into a region that did not exist at load. */
export function Announcer() {
  return (
    <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {announcement.value}
    </div>
  );
}
