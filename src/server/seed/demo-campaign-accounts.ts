/**
 * The campaign's demo department handler: sonoivu.hatinh, an officer of Hà Tĩnh's Department of Home Affairs
 * (province_department, province 42) who answers the recommendations the province assigns to them. Called by the
 * demo campaign seed; idempotent.
 */
import { inTransaction, type WriteContext } from '../db/transaction';
import { accountExists, createAccount } from '../modules/auth/accounts';
import { DEMO_PASSWORD, demoPasswordHash } from './demo';

export const DEMO_DEPARTMENT_ACCOUNT = {
  username: 'sonoivu.hatinh',
  displayName: 'Trần Thị Nội Vụ (Sở Nội vụ Hà Tĩnh)',
  grants: [{ role: 'province_department' as const, provinceCode: '42', communeCode: null }],
};

/** Creates the account when missing; returns 1 when created, else 0. */
export async function seedDemoDepartmentAccount(ctx: WriteContext): Promise<number> {
  if (await accountExists(ctx.db, DEMO_DEPARTMENT_ACCOUNT.username)) return 0;
  const passwordHash = await demoPasswordHash();
  await inTransaction(ctx, (tx, audit) =>
    createAccount(tx, audit, {
      ...DEMO_DEPARTMENT_ACCOUNT,
      password: DEMO_PASSWORD,
      passwordHash,
      isDemo: true,
    }),
  );
  return 1;
}
