/** Moves focus to an element, such as a heading or a summary, that a person could not move
 *  focus to themselves. It gets tabindex="-1" for this one visit only if it has no tabindex
 *  and cannot otherwise take focus, and loses it again when focus leaves: a later click on
 *  it then leaves it alone rather than focusing it and drawing a focus ring around it (the
 *  way govuk-frontend's setFocus works). */
export function moveFocusTo(element: HTMLElement): void {
  const isFocusable = element.hasAttribute('tabindex') || element.tabIndex >= 0;
  if (!isFocusable) {
    element.setAttribute('tabindex', '-1');
    // Only once it has focus, so a blur that comes first cannot take the tabindex away.
    element.addEventListener(
      'focus',
      () =>
        element.addEventListener('blur', () => element.removeAttribute('tabindex'), {
          once: true,
        }),
      { once: true },
    );
  }
  element.focus();
}
