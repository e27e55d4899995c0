/** Dossier fixtures for integration tests: a procedure of the shipped catalogue, and a counter intake through the API. */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../../src/server/db/database';
import { listProcedures } from '../../src/server/modules/procedures/service';
import { json } from './app';

export interface TestProcedure {
  id: string;
  code: string;
  requiredDocuments: unknown[];
}

/** A procedure by its code, e.g. '1.001193' (Đăng ký khai sinh). */
export async function procedureByCode(db: Db, code: string): Promise<TestProcedure> {
  const all = (await listProcedures(db, {})) as unknown as TestProcedure[];
  const found = all.find((p) => p.code === code);
  if (!found) throw new Error(`no procedure ${code}`);
  return found;
}

export interface Applicant {
  fullName: string;
  idNumber: string;
  phone: string;
  address: string;
}

/** POST /api/v1/dossiers with every required document received; expects 201 and returns the intake result. */
export async function receiveDossier(
  app: FastifyInstance,
  headers: Record<string, string>,
  procedure: TestProcedure,
  applicant: Applicant,
  communes: { receiving?: string; competent?: string } = {},
): Promise<{ id: string; code: string; dueDate: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers,
    payload: {
      procedureId: procedure.id,
      applicant,
      receivingCommuneCode: communes.receiving ?? '18100',
      competentCommuneCode: communes.competent ?? communes.receiving ?? '18100',
      channel: 'counter',
      checklist: procedure.requiredDocuments.map((_, index) => ({ index })),
    },
  });
  expect(res.statusCode).toBe(201);
  return json(res);
}
