// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { location, onLinkClick } from './router';

/** Clicks a link whose click handler is onLinkClick; says whether the app navigated and
 *  whether the browser was left to follow the link itself. */
function click(
  attributes: Record<string, string>,
  init: MouseEventInit = {},
): { navigated: boolean; leftToBrowser: boolean } {
  const link = document.createElement('a');
  for (const [name, value] of Object.entries(attributes)) link.setAttribute(name, value);
  link.textContent = 'A link';
  link.addEventListener('click', onLinkClick);
  document.body.append(link);
  const before = location.value;
  let leftToBrowser = false;
  // Read once the link's handler has run, then stop jsdom following the link itself.
  const afterLink = (event: Event) => {
    leftToBrowser = !event.defaultPrevented;
    event.preventDefault();
  };
  document.addEventListener('click', afterLink);
  link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init }));
  document.removeEventListener('click', afterLink);
  return { navigated: location.value !== before, leftToBrowser };
}

beforeEach(() => {
  window.scrollTo = () => undefined;
  window.history.replaceState(null, '', '/apply');
});

afterEach(() => {
  document.body.replaceChildren();
});

describe('onLinkClick', () => {
  it('navigates inside the app on a plain primary click on a link to another page', () => {
    expect(click({ href: '/settings' })).toEqual({ navigated: true, leftToBrowser: false });
    expect(window.location.pathname).toBe('/settings');
    expect(location.value).toMatchObject({ path: '/settings', arrival: 'navigation' });
  });

  it('treats target="_self" as a plain link', () => {
    expect(click({ href: '/settings', target: '_self' }).navigated).toBe(true);
  });

  it.each([
    ['Ctrl', { ctrlKey: true }],
    ['Cmd', { metaKey: true }],
    ['Shift', { shiftKey: true }],
    ['Alt', { altKey: true }],
    ['the middle button', { button: 1 }],
  ])('leaves a click with %s to the browser', (_, init) => {
    expect(click({ href: '/settings' }, init)).toEqual({ navigated: false, leftToBrowser: true });
    expect(window.location.pathname).toBe('/apply');
  });

  it.each([
    ['a target', { href: '/settings', target: '_blank' }],
    ['a named target', { href: '/settings', target: 'help' }],
    ['download', { href: '/settings', download: '' }],
    ['a place on this page', { href: '#main' }],
    ['another origin', { href: 'https://example.org/settings' }],
  ])('leaves a link with %s to the browser', (_, attributes) => {
    expect(click(attributes)).toEqual({ navigated: false, leftToBrowser: true });
    expect(window.location.pathname).toBe('/apply');
  });
});
