import { serverNow, staffSession } from '../core/staff-session';
import type { ApplicationBody } from '../loan/application';
import { assistedRecord } from './entered-by';
import { enteredBy } from './store';

/** The `assisted` part of the application being sent now, made now: null unless staff are
 *  signed in. */
export function assistedNow(): ApplicationBody['assisted'] {
  const session = staffSession.value;
  return session ? assistedRecord(session, enteredBy.value, serverNow()) : null;
}
