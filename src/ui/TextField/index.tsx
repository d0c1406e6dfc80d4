import type { ComponentChildren } from 'preact';
import { FieldMessages, messageIds } from '../FieldMessages';

/** Props of TextField. */
export interface TextFieldProps {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  value: string;
  onInput: (value: string) => void;
  error?: string | null;
  autocomplete?: string;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'tel';
  /** "tel" brings up a phone keypad, "password" hides what is typed; text fields leave it out. */
  type?: 'tel' | 'password';
  /** Width in characters, a hint to how long the answer is. */
  size?: number;
  /** Renders the label as the page's h1 (a page with one question). */
  isPageHeading?: boolean;
  spellcheck?: boolean;
}

/** A labelled text input with its hint and error tied to it by aria-describedby. */
export function TextField(props: TextFieldProps) {
  const describedBy = messageIds(props.id, props.hint, props.error).join(' ') || undefined;
  const inputProps = {
    class: 'input',
    id: props.id,
    name: props.id,
    inputMode: props.inputMode,
    autocomplete: props.autocomplete,
    spellcheck: props.spellcheck ?? false,
    size: props.size,
    value: props.value,
    'aria-describedby': describedBy,
    'aria-invalid': props.error ? true : undefined,
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
  };
  const label = (
    <label class="field__label" for={props.id}>
      {props.label}
    </label>
  );
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      {props.isPageHeading ? <h1 class="field__heading">{label}</h1> : label}
      <FieldMessages id={props.id} hint={props.hint} error={props.error} />
      {props.type === 'tel' ? (
        <input type="tel" {...inputProps} />
      ) : props.type === 'password' ? (
        <input type="password" {...inputProps} />
      ) : (
        <input type="text" {...inputProps} />
      )}
    </div>
  );
}
