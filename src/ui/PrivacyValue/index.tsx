import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** How long a tapped or focused value stays shown in privacy mode. */
export const REVEAL_MS = 10_000;

/** Props of PrivacyValue. */
export interface PrivacyValueProps {
  children: ComponentChildren;
  isPrivate: boolean;
  revealLabel: string;
}

/** An amount or personal detail that privacy mode blurs on screen (for a shared room or a
 *  branch) until it is tapped or focused, then shows for 10 seconds. The blur is visual
 *  only: the text stays in the page, so screen readers always read it. */
export function PrivacyValue({ children, isPrivate, revealLabel }: PrivacyValueProps) {
  const [revealedAt, setRevealedAt] = useState<number | null>(null);
  useEffect(() => {
    if (revealedAt === null) return;
    const timer = setTimeout(() => setRevealedAt(null), REVEAL_MS);
    return () => clearTimeout(timer);
  }, [revealedAt]);
  if (!isPrivate) return <span class="privacy-value">{children}</span>;
  const isShown = revealedAt !== null;
  return (
    <button
      type="button"
      class={isShown ? 'privacy-value privacy-value--shown' : 'privacy-value privacy-value--hidden'}
      title={isShown ? undefined : revealLabel}
      onFocus={() => setRevealedAt(Date.now())}
      onClick={() => setRevealedAt(Date.now())}
    >
      {children}
    </button>
  );
}
