import { useEffect, useRef } from 'preact/hooks';
import { moveFocusTo } from '../../core/focus';

/** One problem on a page: the message, and the id of the field it is about. */
export interface FieldError {
  fieldId: string;
  message: string;
}

/** Props of ErrorSummary. */
export interface ErrorSummaryProps {
  title: string;
  errors: readonly FieldError[];
  /** Changes each time Continue is pressed, so focus returns here on every attempt. */
  attempt: number;
}

/** The messages as sentences, for the summary's description: each message is a short phrase
 *  without a full stop (as on screen), and read one after another they ran together into one
 *  sentence ("Enter your full name Enter your date of birth…" in Orca). A message in Chinese
 *  ends with 。, any other with a full stop, unless it already ends with punctuation. */
export function asSentences(messages: readonly string[]): string {
  return messages
    .map((message) => {
      const text = message.trim();
      if (/[.!?。！？]$/u.test(text)) return text;
      return /\p{Script=Han}/u.test(text) ? `${text}。` : `${text}.`;
    })
    .join(' ');
}

/** The GOV.UK error summary: it takes focus when shown (so a screen reader reads it at
 *  once), and each message is a link that moves focus to its field. */
export function ErrorSummary({ title, errors, attempt }: ErrorSummaryProps) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (errors.length > 0 && ref.current) moveFocusTo(ref.current);
  }, [attempt, errors.length > 0]);
  if (errors.length === 0) return null;
  return (
    // Described by its messages: a screen reader reads a focused region's name and description,
    // so the person hears what is wrong at once (Orca 43 said only "There is a problem region").
    <section
      class="error-summary"
      ref={ref}
      aria-labelledby="error-summary-title"
      aria-describedby="error-summary-sentences"
    >
      <h2 id="error-summary-title">{title}</h2>
      <p id="error-summary-sentences" hidden>
        {asSentences(errors.map((e) => e.message))}
      </p>
      <ul>
        {errors.map((e) => (
          <li key={e.fieldId}>
            <a
              href={`#${e.fieldId}`}
              onClick={(event) => {
                event.preventDefault();
                const field = document.getElementById(e.fieldId);
                if (!field) return;
                moveFocusTo(field);
                field.scrollIntoView({ block: 'center' });
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
