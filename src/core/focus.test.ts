// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { moveFocusTo } from './focus';

afterEach(() => {
  document.body.replaceChildren();
});

function add(html: string): HTMLElement {
  document.body.insertAdjacentHTML('beforeend', html);
  return document.body.lastElementChild as HTMLElement;
}

describe('moveFocusTo', () => {
  it('focuses a heading for one visit: its tabindex goes when focus leaves', () => {
    const heading = add('<h1>Your name</h1>');
    const button = add('<button type="button">Continue</button>');
    moveFocusTo(heading);
    expect(document.activeElement).toBe(heading);
    expect(heading.getAttribute('tabindex')).toBe('-1');
    button.focus();
    expect(heading.hasAttribute('tabindex')).toBe(false);
  });

  it('leaves a tabindex the element had of its own', () => {
    const region = add('<section tabindex="-1" aria-label="Schedule">…</section>');
    const button = add('<button type="button">Continue</button>');
    moveFocusTo(region);
    expect(document.activeElement).toBe(region);
    button.focus();
    expect(region.getAttribute('tabindex')).toBe('-1');
  });

  it('gives a control that takes focus anyway no tabindex', () => {
    const input = add('<input aria-label="Full name">');
    moveFocusTo(input);
    expect(document.activeElement).toBe(input);
    expect(input.hasAttribute('tabindex')).toBe(false);
  });
});
