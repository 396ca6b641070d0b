/**
 * Let asynchronous work run until `ready()` holds, by yielding to the event loop — never by sleeping
 * on real time (a test that waits for simulated time must not depend on how fast the machine is).
 * Throws after `turns` event-loop turns, so a condition that never comes fails the test.
 */
export async function settle(ready: () => boolean, what: string, turns = 20_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (ready()) return;
    await new Promise<void>((r) => setImmediate(r));
  }
  if (!ready()) throw new Error(`settle: ${what} did not happen within ${turns} event-loop turns`);
}
