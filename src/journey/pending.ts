import { useEffect, useState } from 'preact/hooks';
import { navigate } from '../core/router';
import { listOutbox, type OutboxEntry, removeOutboxEntry } from '../storage/outbox';
import { outboxVersion } from '../sync/outbox-sender';
import { pathOf, stepForRefusedField } from './flow';
import { takeBackAnswers } from './store';

/** Applications waiting on this device, read again whenever the outbox changes (in this
 *  tab or another); null until first read. */
export function usePendingApplications(): OutboxEntry[] | null {
  const version = outboxVersion.value;
  const [entries, setEntries] = useState<OutboxEntry[] | null>(null);
  useEffect(() => {
    let isCurrent = true;
    listOutbox()
      .then((found) => isCurrent && setEntries(found))
      .catch(() => isCurrent && setEntries([]));
    return () => {
      isCurrent = false;
    };
  }, [version]);
  return entries;
}

/** Takes a refused application out of the outbox and back into the journey, at the page
 *  with the answer to change. */
export async function changeRefusedApplication(entry: OutboxEntry): Promise<void> {
  const path = `${pathOf(stepForRefusedField(entry.refusedField))}?change=1`;
  const assisted = (entry.body as { assisted?: { enteredBy?: unknown } | null } | null)?.assisted;
  takeBackAnswers(entry.answers, path, assisted?.enteredBy);
  await removeOutboxEntry(entry.localId);
  outboxVersion.value++;
  navigate(path);
}
