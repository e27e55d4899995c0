import { Alert, Anchor, Button, FileButton, List, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ATTACHMENT_CONTENT_TYPES } from '../../../common/api/attachments';
import { ApiError } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { formatFileSize } from './file-size';
import { type ApplicantScan, useUploadApplicantScan } from './online-api';

/** The server's limit per file (DEFAULT_ATTACHMENT_LIMITS): said before a long upload on a weak connection. */
const MAX_SCAN_BYTES = 10 * 1024 * 1024;

type Said = { key: string; ok: boolean; text: string };
const OTHER = 'other';

/**
 * The applicant's scans, by code + phone or ID number, while the centre has not received the dossier yet (right
 * after submitting, or later from the status look-up), or while a supplement is requested for a fully online
 * procedure (from the status look-up).
 */
export function ApplicantScans({
  code,
  verifier,
  documents,
  title,
  hint,
  preselect,
  fromLookup = false,
}: {
  code: string;
  verifier: string;
  /** The documents the scans can stand for (index in the procedure's checklist, name). */
  documents: { index: number; name: string }[];
  /** Heading and explanation instead of the ones after filing (e.g. for a supplement). */
  title?: string;
  hint?: string;
  /** The document chosen at first (e.g. the one a supplement asks for); else the first of `documents`. */
  preselect?: number;
  /** Shown on the look-up page itself: no "follow it on the look-up page" note. */
  fromLookup?: boolean;
}) {
  const { t } = useTranslation();
  const upload = useUploadApplicantScan(code, verifier);
  const [which, setWhich] = useState(() => {
    const first = documents.find((d) => d.index === preselect) ?? documents[0];
    return first ? String(first.index) : OTHER;
  });
  const [scans, setScans] = useState<ApplicantScan[]>([]);
  const [said, setSaid] = useState<Said[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const maxSize = formatFileSize(MAX_SCAN_BYTES, currentLanguage());
  const nameOf = (index: number | null) =>
    documents.find((d) => d.index === index)?.name ?? t('attachments.otherDocument');

  const send = async (files: File[]) => {
    const documentIndex = which === OTHER ? null : Number(which);
    const now: Said[] = [];
    for (const file of files) {
      const key = `${file.name}:${file.size}:${Date.now()}`;
      let reason: string | null = null;
      if (file.size > MAX_SCAN_BYTES) reason = t('attachments.tooBig', { size: maxSize });
      else {
        setBusy(file.name);
        try {
          const scan = await upload.mutateAsync({ file, documentIndex });
          setScans((all) => [...all, scan]);
        } catch (error) {
          reason = error instanceof ApiError ? error.detail || t('errors.generic') : t('errors.network');
        }
      }
      now.push(
        reason === null
          ? { key, ok: true, text: t('attachments.uploaded', { name: file.name }) }
          : { key, ok: false, text: t('attachments.failed', { name: file.name, reason }) },
      );
      setSaid([...now]);
    }
    setBusy(null);
  };

  return (
    <Paper withBorder p="md" data-testid="online-scans">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title ?? t('online.scans')}
        </Title>
        {hint && <Text size="sm">{hint}</Text>}
        <Text size="sm">{t('online.scansHint', { size: maxSize })}</Text>
        <Select
          label={t('attachments.which')}
          data={[
            ...documents.map((d) => ({ value: String(d.index), label: d.name })),
            { value: OTHER, label: t('attachments.otherDocument') },
          ]}
          value={which}
          onChange={(v) => setWhich(v ?? OTHER)}
          allowDeselect={false}
        />
        <FileButton
          onChange={(files) => void send(files)}
          accept={ATTACHMENT_CONTENT_TYPES.join(',')}
          multiple
        >
          {(props) => (
            <Button {...props} variant="light" w="fit-content" loading={busy !== null}>
              {t('online.chooseScan')}
            </Button>
          )}
        </FileButton>
        {busy && (
          <Text size="sm" role="status">
            {t('attachments.uploading', { name: busy })}
          </Text>
        )}
        {said.map((m) => (
          <Alert key={m.key} color={m.ok ? 'green' : 'red'} role={m.ok ? 'status' : 'alert'} p="xs">
            <Text size="sm">{m.text}</Text>
          </Alert>
        ))}
        {scans.length > 0 && (
          <List size="sm" data-testid="online-scan-list">
            {scans.map((s) => (
              <List.Item key={s.id} data-testid="online-scan">
                {s.fileName} — {nameOf(s.documentIndex)} ({formatFileSize(s.sizeBytes, currentLanguage())})
              </List.Item>
            ))}
          </List>
        )}
        {!fromLookup && (
          <Text size="sm" c="dimmed">
            {t('online.scansLater')}{' '}
            <Anchor component={Link} to="/tra-cuu-ho-so">
              {t('nav.lookup')}
            </Anchor>
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
