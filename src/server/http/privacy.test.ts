import { describe, expect, it } from 'vitest';
import { redactError, redactText, redactUrl } from './privacy';

describe('redactUrl', () => {
  it.each([
    ['/api/v1/public/dossiers/ABC?verifier=0912345678', '/api/v1/public/dossiers/ABC?verifier=[redacted]'],
    [
      '/api/v1/dossiers?queue=mine&q=Nguy%E1%BB%85n&limit=20',
      '/api/v1/dossiers?queue=mine&q=[redacted]&limit=20',
    ],
    ['/api/v1/communes/18100', '/api/v1/communes/18100'],
    ['/api/v1/x?Verifier=1&phone=0912345678', '/api/v1/x?Verifier=[redacted]&phone=[redacted]'],
    ['/api/v1/x?%ZZ=1', '/api/v1/x?%ZZ=1'],
    // An ID number or a phone typed where the dossier code goes, in the path or in another parameter.
    [
      '/api/v1/public/dossiers/042010000020?verifier=1',
      '/api/v1/public/dossiers/[redacted]?verifier=[redacted]',
    ],
    ['/api/v1/public/dossiers/0910000019/result', '/api/v1/public/dossiers/[redacted]/result'],
    ['/api/v1/public/dossiers/%2B84910000019', '/api/v1/public/dossiers/[redacted]'],
    ['/api/v1/x?code=0910000019&from=2025-07-01', '/api/v1/x?code=[redacted]&from=2025-07-01'],
    // What is not personal stays: dossier codes, commune codes, ids, dates.
    [
      '/api/v1/public/dossiers/000.00.12.H42-250701-0001?from=2025-07-01&limit=20',
      '/api/v1/public/dossiers/000.00.12.H42-250701-0001?from=2025-07-01&limit=20',
    ],
    [
      '/api/v1/dossiers/01a23af5-5a77-72c1-a621-1884c1ed092a/slips/receipt.pdf',
      '/api/v1/dossiers/01a23af5-5a77-72c1-a621-1884c1ed092a/slips/receipt.pdf',
    ],
    // An id whose last group is twelve digits (one UUID in ~280) is an id, not an ID number.
    [
      '/api/v1/meeting-votes/01a242f4-21b3-72c8-822d-021614761411/ballots',
      '/api/v1/meeting-votes/01a242f4-21b3-72c8-822d-021614761411/ballots',
    ],
    // A CCCD number typed where an id goes is still cut.
    ['/api/v1/meeting-votes/042095007766/ballots', '/api/v1/meeting-votes/[redacted]/ballots'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe('redactError', () => {
  it('drops the SQL parameters, the database detail and numbers that look like a phone or an ID', () => {
    const cause = Object.assign(
      new Error('duplicate key value violates unique constraint "dossiers_code_unique"'),
      {
        code: '23505',
        constraint: 'dossiers_code_unique',
        table: 'dossiers',
        detail: 'Key (applicant_id_number)=(042095001234) already exists.',
      },
    );
    const err = new Error(
      'Failed query: insert into "dossiers" ("applicant_full_name", "applicant_id_number", "applicant_phone") values ($1, $2, $3)\nparams: Nguyễn Văn A,042095001234,0912345678',
      { cause },
    );
    const logged = JSON.stringify(redactError(err));
    expect(logged).not.toContain('042095001234');
    expect(logged).not.toContain('0912345678');
    expect(logged).not.toContain('Nguyễn Văn A');
    expect(logged).toContain('dossiers_code_unique');
    expect(logged).toContain('23505');
    expect(logged).toContain('params: [redacted]');
  });

  it('keeps what helps to debug', () => {
    expect(redactText('connect ECONNREFUSED 127.0.0.1:5432')).toBe('connect ECONNREFUSED 127.0.0.1:5432');
    expect(redactText('Key (code)=(000.00.12.H42-250701-0001) already exists.')).toBe(
      'Key (code)=([redacted]) already exists.',
    );
  });
});
