import { virtual } from '@guidepup/virtual-screen-reader';
import { cleanup } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { startI18n } from '../../src/core/i18n';
import { stubApi } from './jsdom-api';

/** Lets effects, timers and the live region run (announce() speaks 50 ms later). */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Everything the virtual screen reader has said since the log had `from` phrases. */
export async function heardSince(from = 0): Promise<string[]> {
  return (await virtual.spokenPhraseLog()).slice(from);
}

/** Moves on item by item, as with a screen reader's "next" key, until it says a phrase that
 *  starts with `start`; fails, showing what it heard, if the document ends first. */
export async function readUntil(start: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const said = await virtual.lastSpokenPhrase();
    if (said.startsWith(start)) return;
    if (said.startsWith('end of document')) break;
    await virtual.next();
  }
  throw new Error(`Never heard "${start}". Heard:\n${(await heardSince()).join('\n')}`);
}

/** Each phrase was heard, in this order, other phrases possibly between them. A string must
 *  be heard exactly; a RegExp matches a phrase whose exact wording does not matter. */
export function expectHeardInOrder(
  heard: readonly string[],
  expected: readonly (string | RegExp)[],
): void {
  let from = 0;
  for (const phrase of expected) {
    const at = heard.findIndex(
      (said, i) => i >= from && (typeof phrase === 'string' ? said === phrase : phrase.test(said)),
    );
    expect(at, `"${phrase}" at or after position ${from} in:\n${heard.join('\n')}`).toBeGreaterThan(
      -1,
    );
    from = at + 1;
  }
}

interface IdLookup {
  getElementById(id: string): Element | null;
}

// The virtual screen reader names every node a change removes; for one named by
// aria-labelledby, dom-accessibility-api looks the id up from the node's root, which for a
// removed node is an element with no getElementById, and throws (an upstream bug). Looked up
// within that element instead, as a browser would find it there.
function lookUpIdsInRemovedNodes(): void {
  if ('getElementById' in Element.prototype) return;
  (Element.prototype as Element & IdLookup).getElementById = function (this: Element, id) {
    return [...this.querySelectorAll('[id]')].find((element) => element.id === id) ?? null;
  };
}

/** The set-up a page test with the virtual screen reader needs, for the enclosing describe:
 *  Kindly's strings loaded and the API answered in memory before the tests (or answered by
 *  `api`), and after each test the screen reader stopped and the page taken away. */
export function withVirtualScreenReader(api?: Parameters<typeof stubApi>[0]): void {
  beforeAll(async () => {
    await startI18n();
    stubApi(api);
    lookUpIdsInRemovedNodes();
  });
  afterAll(() => {
    vi.unstubAllGlobals();
    delete (Element.prototype as Partial<IdLookup>).getElementById;
  });
  afterEach(async () => {
    await virtual.stop();
    cleanup();
  });
}
