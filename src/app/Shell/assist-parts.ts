import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { hasStaffBeenHere, isSharedDevice } from '../../core/staff-session';

/** The assisted session's parts of the shell. */
export interface AssistParts {
  Banner: ComponentType;
  Idle: ComponentType;
  /** Keeps the ID card reader's files in the service worker's cache on a branch tablet. */
  Precache: ComponentType;
}

let loaded: AssistParts | null = null;
let loading: Promise<AssistParts> | null = null;

function loadAssistParts(): Promise<AssistParts> {
  loading ??= import('../../assist/shell-parts').then(
    (m) => {
      loaded = m.assistShellParts;
      return loaded;
    },
    (error: unknown) => {
      // Asked for again at the next change (the code may be back once online).
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The banner and idle watch, or null on a tablet staff have never used: most people's
 *  devices then never fetch the assisted session's code. Once loaded they stay, so that a
 *  session signed out while offline is still ended when the network returns. */
export function useAssistParts(): AssistParts | null {
  const isNeeded = isSharedDevice.value || hasStaffBeenHere();
  const [parts, setParts] = useState<AssistParts | null>(loaded);
  useEffect(() => {
    if (parts || !isNeeded) return;
    let isCurrent = true;
    loadAssistParts().then(
      (p) => {
        if (isCurrent) setParts(p);
      },
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [parts, isNeeded]);
  return parts;
}
