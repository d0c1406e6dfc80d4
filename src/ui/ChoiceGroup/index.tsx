import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { FieldMessages, messageIds } from '../FieldMessages';

/** One option of a ChoiceGroup. */
export interface ChoiceOption<V extends string> {
  value: V;
  label: ComponentChildren;
  hint?: ComponentChildren;
  lang?: string;
}

/** Props of ChoiceGroup: a question answered by picking one option. */
export interface ChoiceGroupProps<V extends string> {
  name: string;
  legend: ComponentChildren;
  hint?: ComponentChildren;
  options: readonly ChoiceOption<V>[];
  value: V | null;
  onChange: (value: V) => void;
  error?: string | null;
  /** Renders the options side by side where they fit (short labels such as text sizes). */
  isInline?: boolean;
  /** The id of the first radio, so an error summary can link to it. */
  id?: string;
}

/** A native radio group in a fieldset: the legend is announced on entering the group,
 *  arrow keys move between options, and each whole label is a large target. */
export function ChoiceGroup<V extends string>(props: ChoiceGroupProps<V>) {
  const baseId = useId();
  const firstId = props.id ?? `${baseId}-0`;
  // The group's hint and error are tied to the radio that takes focus on entering the group
  // (the chosen one, else the first): Orca 43 never reads a fieldset's description, but
  // every screen reader reads the focused control's own, once.
  const tabStop = Math.max(
    0,
    props.options.findIndex((o) => o.value === props.value),
  );
  return (
    <fieldset class={props.error ? 'has-error' : undefined}>
      <legend>{props.legend}</legend>
      <FieldMessages id={baseId} hint={props.hint} error={props.error} />
      <div class={props.isInline ? 'choice-list' : 'choice-list choice-list--stacked'}>
        {props.options.map((option, index) => {
          const id = index === 0 ? firstId : `${baseId}-${index}`;
          const optionHintId = option.hint ? `${id}-hint` : undefined;
          // The label wraps the option's hint too (so all of it is a target); named by the
          // label alone, the radio reads its hint once, as its description, not twice.
          const labelId = option.hint ? `${id}-label` : undefined;
          const groupIds = index === tabStop ? messageIds(baseId, props.hint, props.error) : [];
          const describedBy = [...groupIds, optionHintId].filter(Boolean).join(' ') || undefined;
          return (
            <label class="choice" for={id} key={option.value} lang={option.lang}>
              <input
                type="radio"
                id={id}
                name={props.name}
                value={option.value}
                checked={props.value === option.value}
                aria-labelledby={labelId}
                aria-describedby={describedBy}
                onChange={() => props.onChange(option.value)}
              />
              <span class="choice__text">
                <span class="choice__label" id={labelId}>
                  {option.label}
                </span>
                {option.hint && (
                  <span class="choice__hint" id={optionHintId}>
                    {option.hint}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
