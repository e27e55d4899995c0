import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPackageSnapshot } from './package-data';
import { buildResolverIndex, resolveAddress } from './resolver';
import { type AddressTestSet, measureAccuracy } from './resolver-accuracy';

const TESTSET = new URL('../../../../bench/data/address-testset.json', import.meta.url);

describe('address resolver accuracy (bench/data/address-testset.json)', () => {
  const set = JSON.parse(readFileSync(TESTSET, 'utf8')) as AddressTestSet;
  const index = buildResolverIndex(loadPackageSnapshot());

  it('covers at least 400 old addresses from every old province', () => {
    const old = set.cases.filter((c) => c.formerUnitCode);
    expect(old.length).toBeGreaterThanOrEqual(400);
    const provinces = new Set(
      old.map((c) => index.units.find((u) => u.code === c.formerUnitCode)?.provinceName).filter(Boolean),
    );
    expect(provinces.size).toBe(63);
  });

  it('puts a correct commune first for at least 97% of them', () => {
    const report = measureAccuracy(index, set.cases);
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < 300) resolveAddress(index, set.cases[n++ % set.cases.length]!.q);
    const perSecond = Math.round(n / ((performance.now() - t0) / 1000));
    console.log(
      `resolver top-1 accuracy ${(report.accuracy * 100).toFixed(2)}% (${report.top1}/${report.total}), ` +
        `top-5 ${report.top5}/${report.total}, ~${perSecond} resolutions/s`,
    );
    for (const f of report.failures.slice(0, 20)) console.log('  miss:', JSON.stringify(f));
    expect(report.accuracy).toBeGreaterThanOrEqual(0.97);
  });
});
