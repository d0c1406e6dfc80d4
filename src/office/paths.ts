/** Where the back office's pages are (src/app/routes.ts names the same paths, so that the
 *  first page need not carry this module). */
export const OFFICE_PATHS = {
  queue: '/office',
  application: '/office/application',
} as const;

/** The address of one application's page in the back office. */
export function applicationHref(id: string): string {
  return `${OFFICE_PATHS.application}?id=${encodeURIComponent(id)}`;
}
