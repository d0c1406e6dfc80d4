import type { ComponentChildren } from 'preact';
import { FieldMessages, messageIds } from '../FieldMessages';

/** The three parts of a date as typed. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** Props of DateField. */
export interface DateFieldProps {
  id: string;
  legend: ComponentChildren;
  hint?: ComponentChildren;
  labels: { day: string; month: string; year: string };
  value: DateParts;
  onInput: (value: DateParts) => void;
  error?: string | null;
  /** Marks these three fields as a date of birth for autofill. */
  isBirthDate?: boolean;
}

/** A date as three labelled number fields (no date picker, which many people find hard),
 *  in a fieldset so the question is read with each part. */
export function DateField(props: DateFieldProps) {
  const describedBy = messageIds(props.id, props.hint, props.error).join(' ') || undefined;
  const parts = [
    { key: 'day', width: 2, auto: 'bday-day' },
    { key: 'month', width: 2, auto: 'bday-month' },
    { key: 'year', width: 4, auto: 'bday-year' },
  ] as const;
  return (
    // The hint and error describe the day, the part that takes focus first: Orca 43 never
    // reads a fieldset's description (as in ChoiceGroup), every screen reader reads a field's.
    <fieldset class={props.error ? 'field has-error' : 'field'}>
      <legend>{props.legend}</legend>
      <FieldMessages id={props.id} hint={props.hint} error={props.error} />
      <div class="date-field">
        {parts.map((part) => {
          const id = part.key === 'day' ? props.id : `${props.id}-${part.key}`;
          return (
            <div class="date-field__item" key={part.key}>
              <label class="field__label" for={id}>
                {props.labels[part.key]}
              </label>
              <input
                class={`input input--width-${part.width}`}
                id={id}
                name={id}
                inputMode="numeric"
                autocomplete={props.isBirthDate ? part.auto : undefined}
                spellcheck={false}
                value={props.value[part.key]}
                aria-invalid={props.error ? true : undefined}
                aria-describedby={part.key === 'day' ? describedBy : undefined}
                onInput={(e) =>
                  props.onInput({
                    ...props.value,
                    [part.key]: (e.currentTarget as HTMLInputElement).value,
                  })
                }
              />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
