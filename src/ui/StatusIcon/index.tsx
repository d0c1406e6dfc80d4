/** Which state an application is in, as its icon shows it. */
export type StatusIconKind = 'waiting' | 'sent';

/** A clock for an application waiting on this device, a tick for one the lender has: drawn
 *  in the text's colour so it holds in every theme, and hidden from screen readers, since
 *  the words beside it say the same. */
export function StatusIcon({ kind }: { kind: StatusIconKind }) {
  return (
    <svg
      class="status-icon"
      viewBox="0 0 24 24"
      width="32"
      height="32"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2.5" />
      {kind === 'waiting' ? (
        <path d="M12 6v6l4 3" fill="none" stroke="currentColor" stroke-width="2.5" />
      ) : (
        <path d="M7 12.5l3.5 3.5L17 9" fill="none" stroke="currentColor" stroke-width="2.5" />
      )}
    </svg>
  );
}
