import { describe, expect, it } from 'vitest';
import { pathOf, SIDE_PAGES } from './flow';
import { likelyNextJourneyPaths } from './routes';

describe('likelyNextJourneyPaths', () => {
  it('is the next step from a step, and My applications from a sent or waiting application', () => {
    expect(likelyNextJourneyPaths(pathOf('amount'))).toEqual([pathOf('term')]);
    expect(likelyNextJourneyPaths(SIDE_PAGES.confirmation)).toEqual([SIDE_PAGES.applications]);
    expect(likelyNextJourneyPaths(SIDE_PAGES.applications)).toEqual([]);
  });
});
