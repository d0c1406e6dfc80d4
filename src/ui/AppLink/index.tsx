import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';
import { onLinkClick } from '../../core/router';

/** Props of AppLink: an ordinary link to a page inside Kindly. */
export type AppLinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string;
  children: ComponentChildren;
};

/** A real <a href> (so it can be opened, copied and announced as a link) that navigates
 *  inside the app without a reload. */
export function AppLink({ href, children, ...rest }: AppLinkProps) {
  return (
    <a href={href} {...rest} onClick={onLinkClick}>
      {children}
    </a>
  );
}
