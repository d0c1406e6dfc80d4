import type { Page } from '@playwright/test';

/** The project's own checks that axe does not make, run inside the page. Each returns
 *  readable problems; an empty list means the page passed. */
export interface LayoutProblems {
  targets: string[];
  reflow: string[];
  clipping: string[];
  focus: string[];
}

const INTERACTIVE =
  'a[href], button, input, select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';

/** Every visible control at least 48×48 CSS px (primary actions 60 px tall); no sideways
 *  scrolling; nothing clipped or overlapping; a visible focus ring on every focusable element. */
export async function layoutProblems(page: Page): Promise<LayoutProblems> {
  return page.evaluate((selector) => {
    const nameOf = (el: Element) => {
      const name =
        el.getAttribute('aria-label') ||
        (el as HTMLElement).innerText?.trim().slice(0, 40) ||
        el.getAttribute('name') ||
        '';
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> "${name}"`;
    };
    const isShown = (el: Element) => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      if (rect.width === 0 || rect.height === 0) return false;
      if (rect.bottom + window.scrollY < 0 || rect.right + window.scrollX < 0) return false;
      // Inside a closed <details>, say: laid out but not rendered.
      if (!el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) {
        return false;
      }
      return !el.closest('.visually-hidden, [hidden]');
    };
    // A radio or checkbox inside a label: the label is what a finger hits.
    const targetOf = (el: Element): Element => {
      const input = el as HTMLInputElement;
      if (input.tagName === 'INPUT' && (input.type === 'radio' || input.type === 'checkbox')) {
        return input.closest('label') ?? el;
      }
      return el;
    };
    const controls = [...document.querySelectorAll(selector)].filter(isShown);
    const targets: string[] = [];
    for (const el of controls) {
      const rect = targetOf(el).getBoundingClientRect();
      if (rect.width < 47.5 || rect.height < 47.5) {
        targets.push(`${nameOf(el)} is ${rect.width.toFixed(0)}×${rect.height.toFixed(0)}`);
      }
      if (el.classList.contains('button--primary') && rect.height < 59.5) {
        targets.push(`${nameOf(el)} is a primary action only ${rect.height.toFixed(0)} px tall`);
      }
    }

    const reflow: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) {
      const wide = [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && isShown(el))
        .slice(0, 3)
        .map(nameOf);
      reflow.push(
        `page is ${root.scrollWidth}px wide in ${root.clientWidth}px: ${wide.join(', ')}`,
      );
    }

    const clipping: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      // Text fields scroll their own text; a field too small to use fails the target check.
      if (!isShown(el) || el.matches('input, textarea, select')) continue;
      const style = getComputedStyle(el);
      const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip';
      const clipsY = style.overflowY === 'hidden' || style.overflowY === 'clip';
      if (clipsX && el.scrollWidth > el.clientWidth + 1) clipping.push(`${nameOf(el)} cut off`);
      if (clipsY && el.scrollHeight > el.clientHeight + 1) clipping.push(`${nameOf(el)} cut off`);
    }
    const rects = controls.map((el) => ({ el, rect: targetOf(el).getBoundingClientRect() }));
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i];
        const b = rects[j];
        if (!a || !b) continue;
        const ta = targetOf(a.el);
        const tb = targetOf(b.el);
        if (ta === tb || ta.contains(tb) || tb.contains(ta)) continue;
        const overlapX = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const overlapY = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        if (overlapX > 1 && overlapY > 1) {
          clipping.push(`${nameOf(a.el)} overlaps ${nameOf(b.el)}`);
        }
      }
    }

    const focus: string[] = [];
    for (const el of controls as HTMLElement[]) {
      el.focus({ preventScroll: true });
      if (document.activeElement !== el) continue;
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 3;
      if (!outline) focus.push(`${nameOf(el)} shows no 3 px focus ring`);
      el.blur();
    }
    return { targets, reflow, clipping, focus };
  }, INTERACTIVE);
}
