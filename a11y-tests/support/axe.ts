import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The WCAG levels every page is held to; the AAA contrast rule (7:1) is switched on too. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the page and returns its violations as readable lines (empty when clean).
 *  No rule is switched off. It throws if the 7:1 rule did not run, so the check cannot pass
 *  by silently skipping it. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(AXE_TAGS)
    .options({ rules: { 'color-contrast-enhanced': { enabled: true } } })
    .analyze();
  const ran = [
    ...results.passes,
    ...results.violations,
    ...results.incomplete,
    ...results.inapplicable,
  ].some((r) => r.id === 'color-contrast-enhanced');
  if (!ran) throw new Error('axe did not run color-contrast-enhanced');
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`),
  );
}
