import { useEffect, useState } from 'preact/hooks';
import { loadAllStrings } from '../core/i18n';

/** For parts of the shell that appear on any page (the staff banner, the idle warning): their
 *  strings are not among the first page's, so they load them and render once they are in. */
export function useAllStrings(): boolean {
  const [isReady, setReady] = useState(false);
  useEffect(() => {
    let isCurrent = true;
    void loadAllStrings().then(() => isCurrent && setReady(true));
    return () => {
      isCurrent = false;
    };
  }, []);
  return isReady;
}
