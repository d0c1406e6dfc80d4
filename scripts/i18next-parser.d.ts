// i18next-parser's own declarations leave out its stream, which the locale check drives.
import type { Transform } from 'node:stream';
import type { UserConfig } from 'i18next-parser';

declare module 'i18next-parser' {
  /** i18next-parser's extractor as an object-mode stream: source files (vinyl-like) in, one
   *  catalog file per language and namespace out. */
  export class transform extends Transform {
    constructor(options?: UserConfig);
  }
}
