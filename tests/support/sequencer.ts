/**
 * The suite's order on two workers: the long files first (those that start real servers, the browser journeys,
 * the route walk), so that no single long file runs alone at the end while the other worker sits idle. On a clean
 * clone (CI) Vitest has no durations yet and would order by file size; after a run it knows them, and the long ones
 * still lead here.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files known to take 20 s or more (measured on a clean clone 04/12/2026, evening), longest first. */
const LONG = [
  'tests/e2e/dossiers.e2e.ts',
  'tests/backup.integration.test.ts',
  'tests/cli.integration.test.ts',
  'tests/e2e/counter-day.e2e.ts',
  'tests/e2e/address-resolver.e2e.ts',
  'tests/e2e/meetings.e2e.ts',
  'tests/authorization.integration.test.ts',
  'tests/e2e/feedback.e2e.ts',
  'tests/e2e/campaign.e2e.ts',
  'tests/public-flood.integration.test.ts',
  'tests/e2e/people.e2e.ts',
  'tests/e2e/feedback-staff.e2e.ts',
  'tests/e2e/meetings-extras.e2e.ts',
  'tests/data-directory-lock.integration.test.ts',
  'src/server/bootstrap.integration.test.ts',
  'tests/e2e/public-pages.e2e.ts',
  'tests/e2e/queues.e2e.ts',
  'tests/crash.integration.test.ts',
  'tests/e2e/api-tokens.e2e.ts',
  'tests/e2e/fully-online.e2e.ts',
  'tests/e2e/online-submission.e2e.ts',
];

const rank = (spec: TestSpecification) => {
  const i = LONG.findIndex((suffix) => spec.moduleId.endsWith(suffix));
  return i === -1 ? LONG.length : i;
};

export default class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // A stable sort: the known long files lead in their order; the rest keep Vitest's order.
    return sorted
      .map((spec, i) => ({ spec, i, r: rank(spec) }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map((x) => x.spec);
  }
}
