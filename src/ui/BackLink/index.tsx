import { AppLink } from '../AppLink';

/** The "Back" link at the top of a question page. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <AppLink href={href} class="back-link">
      {label}
    </AppLink>
  );
}
