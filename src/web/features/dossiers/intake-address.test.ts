import { describe, expect, it } from 'vitest';
import type { ResolveResponse } from '../../../common/api/units';
import { addressSuggestion, rewriteAddress } from './intake-address';

const commune = (code: string, name: string) => ({ code, name, provinceCode: '42', provinceName: 'Hà Tĩnh' });
const unit = (code: string, name: string) => ({
  code,
  name,
  districtName: 'Thành phố Hà Tĩnh',
  provinceName: 'Tỉnh Hà Tĩnh',
});
const TRAN_PHU = commune('18100', 'Phường Trần Phú');
const THANH_SEN = commune('18073', 'Phường Thành Sen');
const HA_HUY_TAP = commune('18652', 'Phường Hà Huy Tập');
const THACH_TRUNG = unit('18088', 'Phường Thạch Trung');
const DAI_NAI = unit('18082', 'Phường Đại Nài');

const answer = (a: Partial<ResolveResponse>): ResolveResponse => ({ query: 'q', candidates: [], ...a });

describe('addressSuggestion', () => {
  it.each<[string, ResolveResponse | undefined, ReturnType<typeof addressSuggestion>]>([
    ['no answer yet', undefined, null],
    ['nothing found', answer({ reason: 'no_match' }), null],
    [
      'already a new commune by name',
      answer({ candidates: [{ commune: TRAN_PHU, confidence: 0.9, partial: false }] }),
      null,
    ],
    [
      'a former unit that went whole: one suggestion, street kept',
      answer({
        street: 'Xóm 3',
        candidates: [{ commune: TRAN_PHU, confidence: 1, partial: false, matchedFormerUnit: THACH_TRUNG }],
      }),
      {
        kind: 'whole',
        formerUnit: 'Phường Thạch Trung',
        commune: TRAN_PHU,
        address: 'Xóm 3, Phường Trần Phú, Hà Tĩnh',
      },
    ],
    [
      'a split unit: its parts as choices, never one suggestion',
      answer({
        street: 'Số 12 Lê Lợi',
        reason: 'split',
        candidates: [
          { commune: THANH_SEN, confidence: 1, partial: true, matchedFormerUnit: DAI_NAI },
          { commune: HA_HUY_TAP, confidence: 1, partial: true, matchedFormerUnit: DAI_NAI },
          { commune: TRAN_PHU, confidence: 0.2, partial: false, matchedFormerUnit: THACH_TRUNG },
        ],
      }),
      {
        kind: 'choices',
        formerUnit: 'Phường Đại Nài',
        split: true,
        options: [
          { commune: THANH_SEN, address: 'Số 12 Lê Lợi, Phường Thành Sen, Hà Tĩnh' },
          { commune: HA_HUY_TAP, address: 'Số 12 Lê Lợi, Phường Hà Huy Tập, Hà Tĩnh' },
        ],
      },
    ],
    [
      'an ambiguous match on a former unit: the candidates as choices',
      answer({
        reason: 'ambiguous',
        candidates: [
          {
            commune: THANH_SEN,
            confidence: 0.5,
            partial: false,
            matchedFormerUnit: unit('18094', 'Phường Trần Phú'),
          },
          { commune: TRAN_PHU, confidence: 0.45, partial: false },
        ],
      }),
      {
        kind: 'choices',
        formerUnit: 'Phường Trần Phú',
        split: false,
        options: [
          { commune: THANH_SEN, address: 'Phường Thành Sen, Hà Tĩnh' },
          { commune: TRAN_PHU, address: 'Phường Trần Phú, Hà Tĩnh' },
        ],
      },
    ],
  ])('%s', (_, given, expected) => {
    expect(addressSuggestion(given)).toEqual(expected);
  });

  it('writes the new address without an empty street part', () => {
    expect(rewriteAddress('  ', TRAN_PHU)).toBe('Phường Trần Phú, Hà Tĩnh');
    expect(rewriteAddress(undefined, TRAN_PHU)).toBe('Phường Trần Phú, Hà Tĩnh');
  });
});
