-- Group commit of intakes (issue 14): one autocommitted call writes a whole batch of intakes, so the hot rows (a
-- commune's daily counter, its audit chain head) are never held locked across a network round trip.
--
-- xaso_json_key_order / xaso_canonical_json: the canonical JSON of src/server/modules/audit/chain.ts in SQL (keys
-- sorted as JavaScript sorts strings, i.e. by UTF-16 code units; strings escaped as JSON.stringify and PostgreSQL's
-- escape_json both do: \" \\ \b \f \n \r \t and \u00xx for the other control characters). A property test keeps
-- the two byte-identical; xaso_intake_batch also compares every entry with the text the application computed.

-- A key's sort key in JavaScript's order: CESU-8 (each UTF-16 surrogate of a character past U+FFFF written as its
-- own three bytes) sorts bytewise exactly like UTF-16 code units; without such a character it is plain UTF-8.
CREATE OR REPLACE FUNCTION xaso_json_key_order(k text) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  result bytea := ''::bytea;
  c text;
  cp int;
  s int;
BEGIN
  IF k !~ '[\U00010000-\U0010FFFF]' THEN
    RETURN convert_to(k, 'UTF8');
  END IF;
  FOREACH c IN ARRAY regexp_split_to_array(k, '') LOOP
    cp := ascii(c);
    IF cp < 65536 THEN
      result := result || convert_to(c, 'UTF8');
    ELSE
      s := 55296 + ((cp - 65536) >> 10);
      result := result || decode(lpad(to_hex(((224 | (s >> 12)) << 16) | ((128 | ((s >> 6) & 63)) << 8) | (128 | (s & 63))), 6, '0'), 'hex');
      s := 56320 + ((cp - 65536) & 1023);
      result := result || decode(lpad(to_hex(((224 | (s >> 12)) << 16) | ((128 | ((s >> 6) & 63)) << 8) | (128 | (s & 63))), 6, '0'), 'hex');
    END IF;
  END LOOP;
  RETURN result;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION xaso_canonical_json(v jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  CASE jsonb_typeof(v)
    WHEN 'object' THEN
      RETURN '{' || coalesce((
        SELECT string_agg(to_json(e.key)::text || ':' || xaso_canonical_json(e.value), ','
          ORDER BY xaso_json_key_order(e.key))
        FROM jsonb_each(v) e), '') || '}';
    WHEN 'array' THEN
      RETURN '[' || coalesce((
        SELECT string_agg(xaso_canonical_json(e.value), ',' ORDER BY e.n)
        FROM jsonb_array_elements(v) WITH ORDINALITY e(value, n)), '') || ']';
    WHEN 'string', 'number', 'boolean' THEN
      RETURN v::text;
    ELSE
      RETURN 'null';
  END CASE;
END $$;
--> statement-breakpoint
-- The SHA-256 of an audit entry as chain.ts's entryHash: over the previous hash, "\n" and the canonical JSON.
CREATE OR REPLACE FUNCTION xaso_audit_hash(prev_hash text, content jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(prev_hash || E'\n' || xaso_canonical_json(content), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- One batch of intakes (built by src/server/modules/dossiers/intake-batch). For every intake, in this order for the
-- whole batch: the checks (credential, reference-data revisions under a share lock on the calendar's, procedure
-- version, rehearsal mode, code parts), the Idempotency-Key claims (sorted), the counters (sorted), the chain heads
-- (sorted), then the dossier, its first action, its audit entry and its messages. An intake failing a check gets its
-- error in the result and writes nothing; the others go on. Any unexpected error fails the whole call (nothing of
-- it stays). Returns one result per intake, in the order given.
CREATE OR REPLACE FUNCTION xaso_intake_batch(batch jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  seq_token text := batch->>'seqToken';
  code_token text := batch->>'codeToken';
  items jsonb := batch->'items';
  n int := jsonb_array_length(batch->'items');
  results jsonb[] := array_fill(NULL::jsonb, ARRAY[greatest(n, 1)]);
  agencies text[] := array_fill(NULL::text, ARRAY[greatest(n, 1)]);
  sequences bigint[] := array_fill(NULL::bigint, ARRAY[greatest(n, 1)]);
  replays boolean[] := array_fill(false, ARRAY[greatest(n, 1)]);
  chains text[] := ARRAY[]::text[];
  head_seqs bigint[] := ARRAY[]::bigint[];
  head_hashes text[] := ARRAY[]::text[];
  it jsonb;
  d jsonb;
  a jsonb;
  msg jsonb;
  content jsonb;
  canon text;
  expected text;
  i int;
  k int;
  g record;
  calendar_revision bigint;
  units_revision bigint;
  current_version int;
  current_status text;
  enabled boolean;
  agency text;
  counter_value bigint;
  code text;
  prev text;
  entry_seq bigint;
  entry_hash text;
  claimed record;
  found_dossier record;
  answer jsonb := '[]'::jsonb;
BEGIN
  IF n = 0 THEN
    RETURN answer;
  END IF;
  -- Reference data: the calendar revision under a share lock (a calendar change waits for the batch, and the batch
  -- for it), the administrative map's as it is.
  SELECT r.revision INTO calendar_revision FROM data_revisions r WHERE r.name = 'calendar' FOR SHARE;
  SELECT r.revision INTO units_revision FROM data_revisions r WHERE r.name = 'units';
  calendar_revision := coalesce(calendar_revision, 0);
  units_revision := coalesce(units_revision, 0);

  -- 1. Checks: nothing is written for an intake that fails one.
  FOR i IN 0 .. n - 1 LOOP
    it := items->i;
    IF jsonb_typeof(it->'credential') = 'object' THEN
      IF it->'credential'->>'kind' = 'session' THEN
        PERFORM 1 FROM sessions s JOIN accounts acc ON acc.id = s.account_id
          WHERE s.token_hash = it->'credential'->>'tokenHash' AND s.expires_at > now() AND acc.status = 'active';
      ELSE
        PERFORM 1 FROM api_tokens t JOIN accounts acc ON acc.id = t.account_id
          WHERE t.token_hash = it->'credential'->>'tokenHash' AND t.revoked_at IS NULL
            AND (t.expires_at IS NULL OR t.expires_at > now()) AND acc.status = 'active';
      END IF;
      IF NOT FOUND THEN
        results[i + 1] := jsonb_build_object('i', i, 'error', 'unauthenticated');
        CONTINUE;
      END IF;
    END IF;
    IF (it->'revisions'->>'calendar')::bigint <> calendar_revision
        OR (it->'revisions'->>'units')::bigint <> units_revision THEN
      results[i + 1] := jsonb_build_object('i', i, 'error', 'stale', 'what', 'revision');
      CONTINUE;
    END IF;
    d := it->'dossier';
    SELECT p.current_version, p.status INTO current_version, current_status
      FROM procedures p WHERE p.id = (d->>'procedureId')::uuid;
    IF NOT FOUND OR current_version <> (d->>'procedureVersion')::int OR current_status <> 'active' THEN
      results[i + 1] := jsonb_build_object('i', i, 'error', 'stale', 'what', 'procedure');
      CONTINUE;
    END IF;
    IF (d->>'rehearsal')::boolean THEN
      SELECT m.enabled INTO enabled FROM dossier_rehearsal_modes m WHERE m.commune_code = d->>'receivingCommuneCode';
      IF NOT coalesce(enabled, false) THEN
        results[i + 1] := jsonb_build_object('i', i, 'error', 'rehearsal_off');
        CONTINUE;
      END IF;
    END IF;
    -- The code's parts, checked as formatDossierCode checks them (domain/dossier-code.ts).
    SELECT ai.agency_id INTO agency FROM dossier_agency_ids ai WHERE ai.commune_code = d->>'receivingCommuneCode';
    agency := coalesce(agency, it->>'defaultAgencyId');
    IF length(agency) > 40 OR agency !~ '^[0-9A-Z]+(\.[0-9A-Z]+)*$'
        OR (it->>'day') < '2000-01-01' OR (it->>'day') > '2099-12-31' THEN
      results[i + 1] := jsonb_build_object('i', i, 'error', 'invalid_code', 'agencyId', agency);
      CONTINUE;
    END IF;
    agencies[i + 1] := agency;
  END LOOP;

  -- 2. Idempotency-Key claims, in sorted order. A key claimed before (by an earlier request, or by an intake of
  -- this batch) makes the intake a replay, answered at the end.
  FOR i IN
    SELECT (e.n - 1)::int FROM jsonb_array_elements(items) WITH ORDINALITY e(v, n)
    WHERE jsonb_typeof(e.v->'claim') = 'object'
    ORDER BY e.v->'claim'->>'scope' COLLATE "C", e.v->'claim'->>'key' COLLATE "C", e.n
  LOOP
    CONTINUE WHEN results[i + 1] IS NOT NULL;
    it := items->i;
    INSERT INTO dossier_idempotency_keys (scope, key, request_hash, dossier_id)
      VALUES (it->'claim'->>'scope', it->'claim'->>'key', it->'claim'->>'hash', (it->'dossier'->>'id')::uuid)
      ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      replays[i + 1] := true;
      results[i + 1] := jsonb_build_object('i', i, 'replay', true);
    END IF;
  END LOOP;

  -- 3. Counters, in sorted order (series, commune, day): each takes its count at once; the intakes of a counter get
  -- its values in the order they came.
  FOR g IN
    SELECT (e.v->'dossier'->>'rehearsal')::boolean AS rehearsal, e.v->'dossier'->>'receivingCommuneCode' COLLATE "C" AS commune,
      (e.v->>'day')::date AS day, array_agg((e.n - 1)::int ORDER BY e.n) AS members
    FROM jsonb_array_elements(items) WITH ORDINALITY e(v, n)
    WHERE results[e.n::int] IS NULL
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
  LOOP
    IF g.rehearsal THEN
      INSERT INTO dossier_rehearsal_code_counters AS c (commune_code, day, last_value)
        VALUES (g.commune, g.day, cardinality(g.members))
        ON CONFLICT (commune_code, day) DO UPDATE SET last_value = c.last_value + cardinality(g.members)
        RETURNING c.last_value INTO counter_value;
    ELSE
      INSERT INTO dossier_code_counters AS c (commune_code, day, last_value)
        VALUES (g.commune, g.day, cardinality(g.members))
        ON CONFLICT (commune_code, day) DO UPDATE SET last_value = c.last_value + cardinality(g.members)
        RETURNING c.last_value INTO counter_value;
    END IF;
    FOR k IN 1 .. cardinality(g.members) LOOP
      sequences[g.members[k] + 1] := counter_value - cardinality(g.members) + k;
    END LOOP;
  END LOOP;

  -- 4. Chain heads, in sorted order, created or locked as they are.
  FOR g IN
    SELECT DISTINCT e.v->'audit'->>'chain' COLLATE "C" AS chain
    FROM jsonb_array_elements(items) WITH ORDINALITY e(v, n)
    WHERE results[e.n::int] IS NULL
    ORDER BY 1
  LOOP
    INSERT INTO audit_chain_heads AS h (chain, seq, hash) VALUES (g.chain, 0, repeat('0', 64))
      ON CONFLICT (chain) DO UPDATE SET seq = h.seq
      RETURNING h.seq, h.hash INTO entry_seq, prev;
    chains := chains || g.chain;
    head_seqs := head_seqs || entry_seq;
    head_hashes := head_hashes || prev;
  END LOOP;

  -- 5. The writes, intake by intake in the order given.
  FOR i IN 0 .. n - 1 LOOP
    CONTINUE WHEN results[i + 1] IS NOT NULL;
    it := items->i;
    d := it->'dossier';
    code := CASE WHEN (d->>'rehearsal')::boolean THEN 'DT-' ELSE '' END || agencies[i + 1] || '-'
      || to_char((it->>'day')::date, 'YYMMDD') || '-'
      || lpad(sequences[i + 1]::text, greatest(4, length(sequences[i + 1]::text)), '0');
    INSERT INTO dossiers (id, code, commune_code, receiving_commune_code, procedure_id, procedure_version,
        procedure_name, channel, applicant_full_name, applicant_name_folded, applicant_id_number, applicant_phone,
        applicant_address, checklist, status, version, due_date, assignee_id, closed_at, resolved_at,
        late_acknowledged, received_at, submitted_at, rehearsal)
      VALUES ((d->>'id')::uuid, code, d->>'communeCode', d->>'receivingCommuneCode', (d->>'procedureId')::uuid,
        (d->>'procedureVersion')::int, d->>'procedureName', d->>'channel', d->>'applicantFullName',
        d->>'applicantNameFolded', d->>'applicantIdNumber', d->>'applicantPhone', d->>'applicantAddress',
        d->'checklist', d->>'status', (d->>'version')::int, (d->>'dueDate')::date, (d->>'assigneeId')::uuid,
        (d->>'closedAt')::timestamptz, (d->>'resolvedAt')::timestamptz, (d->>'lateAcknowledged')::boolean,
        (d->>'receivedAt')::timestamptz, (d->>'submittedAt')::timestamptz, (d->>'rehearsal')::boolean);
    a := it->'action';
    INSERT INTO dossier_actions (dossier_id, seq, commune_code, action, payload, actor, at, from_status, to_status)
      VALUES ((d->>'id')::uuid, (a->>'seq')::int, a->>'communeCode', a->>'action', a->'payload', a->'actor',
        (a->>'at')::timestamptz, a->>'fromStatus', a->>'toStatus');

    -- The audit entry, chained after the head; its hash over the canonical JSON computed here, which must be the
    -- application's text byte for byte (else the whole batch fails: never a chain that audit verify would break).
    k := array_position(chains, it->'audit'->>'chain');
    entry_seq := head_seqs[k] + 1;
    prev := head_hashes[k];
    content := jsonb_set(jsonb_set(it->'audit'->'content', '{seq}', to_jsonb(entry_seq)), '{after,code}', to_jsonb(code));
    canon := xaso_canonical_json(content);
    expected := replace(replace(it->'audit'->>'text', '"' || seq_token || '"', entry_seq::text), code_token, code);
    IF canon IS DISTINCT FROM expected THEN
      RAISE EXCEPTION 'xaso_intake_batch: the audit entry''s canonical JSON differs from the application''s (chain %, seq %)',
        it->'audit'->>'chain', entry_seq USING ERRCODE = 'XA001';
    END IF;
    entry_hash := encode(sha256(convert_to(prev || E'\n' || canon, 'UTF8')), 'hex');
    INSERT INTO audit_entries (chain, seq, at, actor_id, actor_name, actor_role, commune_code, action, entity_type,
        entity_id, before, after, request_id, client_address, prev_hash, hash)
      VALUES (content->>'chain', entry_seq, (content->>'at')::timestamptz, (content->>'actorId')::uuid,
        content->>'actorName', content->>'actorRole', content->>'communeCode', content->>'action',
        content->>'entityType', content->>'entityId', nullif(content->'before', 'null'::jsonb),
        nullif(content->'after', 'null'::jsonb), content->>'requestId', content->>'clientAddress', prev, entry_hash);
    head_seqs[k] := entry_seq;
    head_hashes[k] := entry_hash;

    -- The applicant's messages, rendered by the application with a stand-in for the code.
    FOR msg IN SELECT * FROM jsonb_array_elements(coalesce(it->'messages', '[]'::jsonb)) LOOP
      INSERT INTO notification_outbox (id, commune_code, channel, recipient, subject, body, template, locale,
          idempotency_key, source_type, source_id)
        VALUES ((msg->>'id')::uuid, msg->>'communeCode', msg->>'channel', msg->>'recipient',
          replace(msg->>'subject', code_token, code), replace(msg->>'body', code_token, code), msg->>'template',
          msg->>'locale', msg->>'idempotencyKey', msg->>'sourceType', (msg->>'sourceId')::uuid)
        ON CONFLICT (idempotency_key) DO NOTHING;
    END LOOP;

    results[i + 1] := jsonb_build_object('i', i, 'id', d->>'id', 'code', code, 'agencyId', agencies[i + 1],
      'sequence', sequences[i + 1], 'chainSeq', entry_seq, 'prevHash', prev, 'hash', entry_hash);
  END LOOP;

  FOR k IN 1 .. coalesce(array_length(chains, 1), 0) LOOP
    UPDATE audit_chain_heads SET seq = head_seqs[k], hash = head_hashes[k] WHERE chain = chains[k];
  END LOOP;

  -- 6. Replays: the dossier of the earlier request with the same key (a different request → conflict).
  FOR i IN 0 .. n - 1 LOOP
    CONTINUE WHEN NOT replays[i + 1];
    it := items->i;
    SELECT ik.request_hash, ik.dossier_id INTO claimed FROM dossier_idempotency_keys ik
      WHERE ik.scope = it->'claim'->>'scope' AND ik.key = it->'claim'->>'key';
    IF claimed.request_hash IS DISTINCT FROM it->'claim'->>'hash' THEN
      results[i + 1] := jsonb_build_object('i', i, 'error', 'conflict');
      CONTINUE;
    END IF;
    SELECT x.id, x.code, x.due_date, x.status, x.rehearsal INTO found_dossier FROM dossiers x WHERE x.id = claimed.dossier_id;
    IF NOT FOUND THEN
      results[i + 1] := jsonb_build_object('i', i, 'error', 'replay_missing');
      CONTINUE;
    END IF;
    results[i + 1] := jsonb_build_object('i', i, 'replay', true, 'id', found_dossier.id, 'code', found_dossier.code,
      'dueDate', found_dossier.due_date, 'status', found_dossier.status, 'rehearsal', found_dossier.rehearsal);
  END LOOP;

  FOR i IN 1 .. n LOOP
    answer := answer || jsonb_build_array(results[i]);
  END LOOP;
  RETURN answer;
END $$;
