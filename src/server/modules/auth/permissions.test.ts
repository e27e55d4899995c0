import { describe, expect, it } from 'vitest';
import type { RoleGrant } from '../../../common/roles';
import { can, canWithRestriction, type Permission, scopeOf } from './permissions';

const commune = (role: RoleGrant['role'], communeCode: string): RoleGrant => ({
  role,
  communeCode,
  provinceCode: null,
});
const province = (role: RoleGrant['role'], provinceCode: string): RoleGrant => ({
  role,
  communeCode: null,
  provinceCode,
});
const admin: RoleGrant = { role: 'system_admin', communeCode: null, provinceCode: null };
const TRAN_PHU = { communeCode: '18100', provinceCode: '42' };
const SONG_TRI = { communeCode: '18754', provinceCode: '42' };
const BA_DINH = { communeCode: '00004', provinceCode: '01' };

describe('can', () => {
  it.each<[string, RoleGrant[], Permission, typeof TRAN_PHU | undefined, boolean]>([
    ['leader manages own commune', [commune('commune_leader', '18100')], 'assignment.manage', TRAN_PHU, true],
    [
      'leader cannot touch another commune',
      [commune('commune_leader', '18100')],
      'assignment.manage',
      SONG_TRI,
      false,
    ],
    [
      'leader cannot even read another commune',
      [commune('commune_leader', '18100')],
      'org.read',
      SONG_TRI,
      false,
    ],
    ['specialist reads own commune', [commune('specialist', '18100')], 'org.read', TRAN_PHU, true],
    ['specialist cannot manage staff', [commune('specialist', '18100')], 'org.manage', TRAN_PHU, false],
    [
      'province officer reads every commune of the province',
      [province('province_officer', '42')],
      'org.read',
      SONG_TRI,
      true,
    ],
    [
      'province officer does not read another province',
      [province('province_officer', '42')],
      'org.read',
      BA_DINH,
      false,
    ],
    [
      'province officer does not issue a commune announcement',
      [province('province_officer', '42')],
      'assignment.manage',
      TRAN_PHU,
      false,
    ],
    ['administrator anywhere', [admin], 'assignment.manage', BA_DINH, true],
    ['administrator system-wide', [admin], 'map.manage', undefined, true],
    [
      'leader has no system-wide rights',
      [commune('commune_leader', '18100')],
      'map.manage',
      undefined,
      false,
    ],
    [
      'roles in two places: each in its own place',
      [commune('specialist', '18100'), commune('commune_leader', '18754')],
      'org.manage',
      SONG_TRI,
      true,
    ],
    [
      'roles in two places: no leakage',
      [commune('specialist', '18100'), commune('commune_leader', '18754')],
      'org.manage',
      TRAN_PHU,
      false,
    ],
    ['no grants, no rights', [], 'org.read', TRAN_PHU, false],
    [
      'one-stop officer receives dossiers',
      [commune('one_stop_officer', '18100')],
      'dossier.intake',
      TRAN_PHU,
      true,
    ],
    [
      'one-stop officer does not process',
      [commune('one_stop_officer', '18100')],
      'dossier.process',
      TRAN_PHU,
      false,
    ],
    ['specialist processes dossiers', [commune('specialist', '18100')], 'dossier.process', TRAN_PHU, true],
    ['specialist does not approve', [commune('specialist', '18100')], 'dossier.approve', TRAN_PHU, false],
    ['leader approves', [commune('commune_leader', '18100')], 'dossier.approve', TRAN_PHU, true],
    ['leader may also receive', [commune('commune_leader', '18100')], 'dossier.intake', TRAN_PHU, true],
    ['province officer reads dossiers', [province('province_officer', '42')], 'dossier.read', SONG_TRI, true],
    [
      'province officer does not receive',
      [province('province_officer', '42')],
      'dossier.intake',
      SONG_TRI,
      false,
    ],
    [
      'council secretary does not read dossiers',
      [commune('council_secretary', '18100')],
      'dossier.read',
      TRAN_PHU,
      false,
    ],
    [
      'only the administrator edits the catalogue',
      [commune('commune_leader', '18100')],
      'catalogue.manage',
      undefined,
      false,
    ],
    ['administrator edits the catalogue', [admin], 'catalogue.manage', undefined, true],
  ])('%s', (_name, grants, permission, where, expected) => {
    expect(can(grants, permission, where)).toBe(expected);
  });
});

describe('scopeOf', () => {
  it('gives the administrator everything', () => {
    expect(scopeOf([admin], 'org.read')).toEqual({ all: true });
  });
  it('collects communes and provinces from the grants that carry the permission', () => {
    expect(
      scopeOf(
        [commune('specialist', '18100'), province('province_officer', '42'), commune('specialist', '18754')],
        'org.manage',
      ),
    ).toEqual({
      all: false,
      communeCodes: [],
      provinceCodes: [],
    });
    expect(scopeOf([commune('specialist', '18100'), province('province_officer', '42')], 'org.read')).toEqual(
      {
        all: false,
        communeCodes: ['18100'],
        provinceCodes: ['42'],
      },
    );
  });
});

describe('canWithRestriction (API tokens)', () => {
  const leader = [commune('commune_leader', '18100')];
  it.each<[string, Parameters<typeof canWithRestriction>[1], Permission, boolean]>([
    ["no restriction: the owner's rights", null, 'org.manage', true],
    ['restricted to reading', { permissions: ['org.read'], communeCode: null }, 'org.manage', false],
    ['restricted permission held', { permissions: ['org.read'], communeCode: null }, 'org.read', true],
    ['restricted to another commune', { permissions: ['org.read'], communeCode: '18754' }, 'org.read', false],
  ])('%s', (_name, restriction, permission, expected) => {
    expect(canWithRestriction(leader, restriction, permission, TRAN_PHU)).toBe(expected);
  });
  it('never exceeds the owner', () => {
    expect(
      canWithRestriction(leader, { permissions: ['org.read'], communeCode: '18754' }, 'org.read', SONG_TRI),
    ).toBe(false);
  });
});
