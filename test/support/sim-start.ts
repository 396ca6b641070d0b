/**
 * Where the simulated market starts in tests. Pinned, so a test never depends on the day it runs;
 * `SWARMDESK_TEST_SIM_START` (an ISO instant) moves it, which is how `npm run test:dates` runs the
 * date-sensitive tests at a holiday, a weekend, an early close and an expiry Friday.
 */
export const DEFAULT_TEST_SIM_START = '2026-03-10T15:00:00Z';

export function testSimStart(): string {
  const raw = process.env['SWARMDESK_TEST_SIM_START'];
  if (raw === undefined || raw === '') return DEFAULT_TEST_SIM_START;
  const ms = Date.parse(raw);
  if (
    !Number.isFinite(ms) ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)
  ) {
    throw new Error(
      `SWARMDESK_TEST_SIM_START: expected an ISO instant like 2026-03-10T15:00:00Z, got ${JSON.stringify(raw)}`,
    );
  }
  return new Date(ms).toISOString();
}
