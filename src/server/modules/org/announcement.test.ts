import { describe, expect, it } from 'vitest';
import {
  type AssignmentItem,
  canEdit,
  checkIssue,
  checkItems,
  type IssueFacts,
  signatureTitle,
} from './announcement';

const A = 'a0000000-0000-7000-8000-000000000001';
const B = 'a0000000-0000-7000-8000-000000000002';
const GONE = 'a0000000-0000-7000-8000-000000000003';
const FOREIGN = 'a0000000-0000-7000-8000-000000000004';
const officials = new Map([
  [A, { communeCode: '18100', status: 'active' as const }],
  [B, { communeCode: '18100', status: 'active' as const }],
  [GONE, { communeCode: '18100', status: 'retired' as const }],
  [FOREIGN, { communeCode: '18754', status: 'active' as const }],
]);
const item = (over: Partial<AssignmentItem> = {}): AssignmentItem => ({
  areaCode: 'tu_phap_ho_tich',
  label: 'Tư pháp - hộ tịch',
  inChargeId: A,
  deputyId: B,
  duties: '',
  ...over,
});

describe('announcement rules', () => {
  it.each([
    ['draft', true],
    ['issued', false],
    ['superseded', false],
  ] as const)('a %s announcement is editable: %s', (status, editable) => {
    expect(canEdit(status)).toBe(editable);
  });

  it.each([
    ['a complete item', [item()], true, []],
    ['no items, on issue', [], true, ['body.items']],
    ['no items, in a draft', [], false, []],
    ['nobody in charge, on issue', [item({ inChargeId: null })], true, ['body.items.0.inChargeId']],
    ['nobody in charge, in a draft', [item({ inChargeId: null })], false, []],
    ['the same area twice', [item(), item()], false, ['body.items.1.areaCode']],
    ['deputy = in charge', [item({ deputyId: A })], false, ['body.items.0.deputyId']],
    ['an official who retired', [item({ deputyId: GONE })], false, ['body.items.0.deputyId']],
    ['an official of another commune', [item({ inChargeId: FOREIGN })], false, ['body.items.0.inChargeId']],
    ['an unknown official', [item({ inChargeId: 'nobody' })], false, ['body.items.0.inChargeId']],
  ])('%s', (_, items, complete, fields) => {
    expect(checkItems(items, '18100', officials, { complete }).map((p) => p.field)).toEqual(fields);
  });

  const facts = (over: Partial<IssueFacts> = {}): IssueFacts => ({
    communeCode: '18100',
    number: '12/TB-UBND',
    issuedOn: '2025-07-15',
    today: '2025-07-20',
    signer: officials.get(A),
    current: { issuedOn: '2025-06-20', number: '05/TB-UBND' },
    numbersUsedThisYear: ['05/TB-UBND'],
    ...over,
  });

  it.each([
    ['all in order', {}, []],
    ['the first announcement', { current: null, numbersUsedThisYear: [] }, []],
    ['a malformed number', { number: '12-TB' }, ['body.number']],
    ['a number without its leading zero', { number: '5/TB-UBND' }, ['body.number']],
    ['a number used this year', { number: '05/TB-UBND' }, ['body.number']],
    ['no number: the next of the series is taken', { number: null }, []],
    ['no number and no signer', { number: null, signer: undefined }, ['body.signerId']],
    ['a date in the future', { issuedOn: '2025-07-21' }, ['body.issuedOn']],
    ['a date before the current one', { issuedOn: '2025-06-19' }, ['body.issuedOn']],
    ['the same day as the current one', { issuedOn: '2025-06-20' }, []],
    ['no signer', { signer: undefined }, ['body.signerId']],
    ['a signer of another commune', { signer: officials.get(FOREIGN) }, ['body.signerId']],
    ['a signer who retired', { signer: officials.get(GONE) }, ['body.signerId']],
  ] as [string, Partial<IssueFacts>, string[]][])('issuing: %s', (_, over, fields) => {
    expect(checkIssue(facts(over)).map((p) => p.field)).toEqual(fields);
  });

  it.each([
    [['Chủ tịch UBND', 'Phó Bí thư Đảng ủy'], 'CHỦ TỊCH'],
    [['Phó Chủ tịch UBND'], 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH'],
    [['Chánh Văn phòng'], 'TM. ỦY BAN NHÂN DÂN'],
    [[], 'TM. ỦY BAN NHÂN DÂN'],
  ])('signs for titles %j as %j', (titles, block) => {
    expect(signatureTitle(titles)).toBe(block);
  });
});
