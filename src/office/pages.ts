// The back office's pages in one chunk, which the shell's route table imports only when a
// reviewer opens one: reviewers move between the two, and one module keeps the table's
// entries (on every applicant's first page) short.
export { withStrings as applicationPage } from './ApplicationPage';
export { withStrings as queuePage } from './QueuePage';
