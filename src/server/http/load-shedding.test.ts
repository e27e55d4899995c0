import { afterEach, describe, expect, it } from 'vitest';
import { eventLoopDelayCheck } from './load-shedding';

/** Blocks the event loop as a long synchronous task (a big PDF, a starved process) would. */
const block = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {}
};
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the event-loop delay check of load shedding', () => {
  let stop = () => {};
  afterEach(() => stop());

  it('stays healthy on an idle loop', async () => {
    const d = eventLoopDelayCheck(200, 100);
    stop = d.stop;
    for (let i = 0; i < 3; i++) {
      await tick(100);
      expect(await d.check()).toBe(true);
    }
  });

  it('does not shed after one slow task, and sheds when the loop stays saturated', async () => {
    const d = eventLoopDelayCheck(200, 100);
    stop = d.stop;
    await tick(100);
    block(500);
    expect(await d.check()).toBe(true); // one long task: not saturation yet
    await tick(100);
    expect(await d.check()).toBe(true); // recovered
    block(500);
    expect(await d.check()).toBe(true);
    block(500);
    expect(await d.check()).toBe(false); // twice in a row: shed
    await tick(100);
    expect(await d.check()).toBe(true); // and serves again once the loop is free
  });

  it('never reads a second without samples as an infinite delay (a generous budget is never exceeded)', async () => {
    const d = eventLoopDelayCheck(60_000, 100);
    stop = d.stop;
    block(300);
    expect(await d.check()).toBe(true);
    block(300);
    expect(await d.check()).toBe(true);
  });
});
