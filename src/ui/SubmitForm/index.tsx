import type { ComponentChildren } from 'preact';

/** Props of SubmitForm. */
export interface SubmitFormProps {
  /** Runs on the button or Enter in a field; the page checks the answers itself. */
  onSubmit: () => void;
  /** The button's words, named for what it does: "Continue", "Sign in". */
  submitLabel: string;
  children: ComponentChildren;
}

/** A page's form and its one main button. The browser's own checks are off (noValidate):
 *  the page says what is wrong in the person's language, in the error summary and by each
 *  field, only when the button is pressed. */
export function SubmitForm({ onSubmit, submitLabel, children }: SubmitFormProps) {
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <div class="form-actions">
        <button type="submit" class="button button--primary button--wide">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
