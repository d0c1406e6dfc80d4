import type { ComponentChildren } from 'preact';
import { FieldMessages, messageIds } from '../FieldMessages';

/** Props of MoneyField. */
export interface MoneyFieldProps {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  /** What the person typed, kept as typed ("12,500", "1.25万"). */
  value: string;
  onInput: (value: string) => void;
  /** Called by the − and + buttons. */
  onStep: (direction: -1 | 1) => void;
  decreaseLabel: string;
  increaseLabel: string;
  currencySymbol: string;
  error?: string | null;
  isPageHeading?: boolean;
}

/** An amount of money: a text field that accepts amounts as people write them, with large
 *  − and + buttons beside it. No slider: sliders need fine dragging many people cannot do. */
export function MoneyField(props: MoneyFieldProps) {
  const describedBy = messageIds(props.id, props.hint, props.error).join(' ') || undefined;
  const label = (
    <label class="field__label" for={props.id}>
      {props.label}
    </label>
  );
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      {props.isPageHeading ? <h1 class="field__heading">{label}</h1> : label}
      <FieldMessages id={props.id} hint={props.hint} error={props.error} isBlockHint />
      <div class="money-field">
        <div class="money-field__input">
          <span class="money-field__currency" aria-hidden="true">
            {props.currencySymbol}
          </span>
          <input
            class="input"
            id={props.id}
            name={props.id}
            inputMode="decimal"
            autocomplete="off"
            spellcheck={false}
            value={props.value}
            aria-describedby={describedBy}
            aria-invalid={props.error ? true : undefined}
            onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="money-field__steps">
          <button
            type="button"
            class="button money-field__step"
            aria-label={props.decreaseLabel}
            onClick={() => props.onStep(-1)}
          >
            <span aria-hidden="true">−</span>
          </button>
          <button
            type="button"
            class="button money-field__step"
            aria-label={props.increaseLabel}
            onClick={() => props.onStep(1)}
          >
            <span aria-hidden="true">+</span>
          </button>
        </div>
      </div>
    </div>
  );
}
