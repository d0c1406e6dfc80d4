import type { ComponentChildren } from 'preact';

/** Props of FieldMessages. */
export interface FieldMessagesProps {
  /** The field's id: the hint is `<id>-hint`, the error `<id>-error`. */
  id: string;
  hint?: ComponentChildren;
  error?: string | null;
  /** A hint made of several paragraphs is wrapped in a div rather than a p. */
  isBlockHint?: boolean;
}

/** The ids a field's hint and error get, for the control's aria-describedby. */
export function messageIds(id: string, hint: unknown, error: unknown): string[] {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
}

/** A field's hint and its error message, in the order GOV.UK puts them (under the label,
 *  above the control), with the ids the control's aria-describedby points at. */
export function FieldMessages({ id, hint, error, isBlockHint }: FieldMessagesProps) {
  const Hint = isBlockHint ? 'div' : 'p';
  return (
    <>
      {hint && (
        <Hint class="hint" id={`${id}-hint`}>
          {hint}
        </Hint>
      )}
      {error && (
        <p class="error-message" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}
