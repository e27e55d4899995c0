import {
  Alert,
  Anchor,
  Button,
  FileButton,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_CONTENT_TYPES } from '../../../common/api/attachments';
import { ApiError, api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/datetime';
import { useSession } from '../auth/session';
import { holdsIn } from '../workspace/access';
import {
  type AttachmentList,
  type AttachmentView,
  attachmentsKey,
  attachmentUrl,
  useAttachments,
  useDossier,
  useUploadAttachment,
} from './api';
import { formatFileSize } from './file-size';

const KIND = { 'application/pdf': 'pdf', 'image/jpeg': 'jpeg', 'image/png': 'png' } as const;
const OTHER = 'other';

interface Props {
  dossierId: string;
  /** The competent commune (its one-stop officers and specialists attach scans). */
  communeCode: string;
  /** The commune whose centre received the dossier (its one-stop officers scan at the counter). */
  receivingCommuneCode?: string;
  /** A closed dossier takes no more attachments. */
  closed?: boolean;
  /** Hides the heading (when the page gives its own). */
  bare?: boolean;
}

type Message = { key: string; color: 'green' | 'red' | 'blue'; text: string };

/** Scanned documents of a dossier (số hóa): list with view/download links, upload by file choice or drag-and-drop. */
export function AttachmentsPanel({
  dossierId,
  communeCode,
  receivingCommuneCode,
  closed = false,
  bare,
}: Props) {
  const { t } = useTranslation();
  const user = useSession().data;
  const list = useAttachments(dossierId);
  const canUpload =
    !closed &&
    (holdsIn(user, 'dossier.intake', receivingCommuneCode ?? communeCode) ||
      holdsIn(user, 'dossier.intake', communeCode) ||
      holdsIn(user, 'dossier.process', communeCode));
  return (
    <Paper withBorder p="md" data-testid="attachments">
      {!bare && (
        <Title order={2} size="h4" mb="sm">
          {t('attachments.title')}
        </Title>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Stack gap="sm">
          <AttachmentTable dossierId={dossierId} data={list.data} />
          <NotScanned data={list.data} />
          {canUpload && <ResultUploader dossierId={dossierId} data={list.data} />}
          {canUpload ? (
            <Uploader dossierId={dossierId} data={list.data} />
          ) : (
            !closed && (
              <Text size="sm" c="dimmed">
                {t('attachments.readOnly')}
              </Text>
            )
          )}
        </Stack>
      )}
    </Paper>
  );
}

function documentName(data: AttachmentList, index: number | null, other: string) {
  return index === null ? other : (data.documents.find((d) => d.index === index)?.name ?? other);
}

function AttachmentTable({ dossierId, data }: { dossierId: string; data: AttachmentList }) {
  const { t } = useTranslation();
  if (data.items.length === 0) return <Text size="sm">{t('attachments.none')}</Text>;
  const lang = currentLanguage();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped data-testid="attachment-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('attachments.fileName')}</Table.Th>
            <Table.Th scope="col">{t('attachments.document')}</Table.Th>
            <Table.Th scope="col">{t('attachments.type')}</Table.Th>
            <Table.Th scope="col">{t('attachments.size')}</Table.Th>
            <Table.Th scope="col">{t('attachments.uploadedAt')}</Table.Th>
            <Table.Th scope="col">{t('attachments.origin')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('attachments.download')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((a: AttachmentView) => (
            <Table.Tr key={a.id} data-testid="attachment-row">
              <Table.Th scope="row" fw={400}>
                <Anchor
                  href={attachmentUrl(dossierId, a.id)}
                  target="_blank"
                  rel="noopener"
                  title={t('attachments.checksum', { sha: a.sha256 })}
                >
                  {a.fileName}
                </Anchor>
              </Table.Th>
              <Table.Td>
                {a.purpose === 'result'
                  ? t('citizenOnline.officerResult')
                  : documentName(data, a.documentIndex, t('attachments.otherDocument'))}
              </Table.Td>
              <Table.Td>{t(`attachments.kind.${KIND[a.contentType]}`)}</Table.Td>
              <Table.Td>{formatFileSize(a.sizeBytes, lang)}</Table.Td>
              <Table.Td>{formatDateTime(a.uploadedAt)}</Table.Td>
              <Table.Td>
                <Text
                  size="sm"
                  c={a.purpose === 'result' ? 'blue' : a.digitised ? 'teal' : 'dimmed'}
                  fw={a.purpose === 'result' ? 600 : undefined}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {a.purpose === 'result'
                    ? t('citizenOnline.officerResultOrigin')
                    : a.digitised
                      ? t('attachments.digitised')
                      : t('attachments.applicant')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor
                  href={attachmentUrl(dossierId, a.id, true)}
                  size="sm"
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {t('attachments.download')}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The checklist documents that have no scan yet (what is left to digitise). */
function NotScanned({ data }: { data: AttachmentList }) {
  const { t } = useTranslation();
  const scanned = new Set(data.items.filter((a) => a.purpose !== 'result').map((a) => a.documentIndex));
  const left = data.documents.filter((d) => !scanned.has(d.index));
  if (left.length === 0 || data.items.length === 0) return null;
  return (
    <Text size="sm" c="orange">
      {t('attachments.notScanned', { list: left.map((d) => d.name).join('; ') })}
    </Text>
  );
}

function Uploader({ dossierId, data }: { dossierId: string; data: AttachmentList }) {
  const { t } = useTranslation();
  const upload = useUploadAttachment(dossierId);
  const [documentValue, setDocumentValue] = useState<string>(
    String(data.documents.find((d) => !data.items.some((a) => a.documentIndex === d.index))?.index ?? OTHER),
  );
  const [messages, setMessages] = useState<Message[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const maxSize = formatFileSize(data.maxBytes, currentLanguage());

  const send = async (files: File[]) => {
    const documentIndex = documentValue === OTHER ? null : Number(documentValue);
    const said: Message[] = [];
    for (const file of files) {
      const key = `${file.name}:${file.size}:${Date.now()}`;
      if (file.size > data.maxBytes) {
        said.push({
          key,
          color: 'red',
          text: t('attachments.failed', {
            name: file.name,
            reason: t('attachments.tooBig', { size: maxSize }),
          }),
        });
        continue;
      }
      setBusy(file.name);
      try {
        await upload.mutateAsync({ file, documentIndex });
        said.push({ key, color: 'green', text: t('attachments.uploaded', { name: file.name }) });
      } catch (error) {
        // The server's own words (Vietnamese unless the user chose English), e.g. "not PDF, JPEG or PNG".
        const reason = error instanceof ApiError ? error.detail || t('errors.generic') : t('errors.network');
        said.push({ key, color: 'red', text: t('attachments.failed', { name: file.name, reason }) });
      }
      setMessages([...said]);
    }
    setBusy(null);
    setMessages(said);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length > 0 && !busy) void send(files);
  };

  return (
    <Stack gap="xs">
      <Select
        label={t('attachments.which')}
        data={[
          ...data.documents.map((d) => ({ value: String(d.index), label: d.name })),
          { value: OTHER, label: t('attachments.otherDocument') },
        ]}
        value={documentValue}
        onChange={(v) => setDocumentValue(v ?? OTHER)}
        allowDeselect={false}
        maw={560}
      />
      <Paper
        withBorder
        p="md"
        bg={over ? 'var(--mantine-color-blue-light)' : undefined}
        style={{ borderStyle: 'dashed' }}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="attachment-drop"
      >
        <Group justify="space-between" gap="sm">
          <Stack gap={2}>
            <Text size="sm">{t('attachments.drop')}</Text>
            <Text size="xs" c="dimmed">
              {t('attachments.limits', { size: maxSize, count: data.maxPerDossier })}
            </Text>
          </Stack>
          <FileButton
            onChange={(files) => void send(files)}
            accept={ATTACHMENT_CONTENT_TYPES.join(',')}
            multiple
          >
            {(props) => (
              <Button {...props} variant="light" loading={busy !== null}>
                {t('attachments.choose')}
              </Button>
            )}
          </FileButton>
        </Group>
      </Paper>
      {busy && (
        <Text size="sm" role="status">
          {t('attachments.uploading', { name: busy })}
        </Text>
      )}
      {messages.map((m) => (
        <Alert key={m.key} color={m.color} role={m.color === 'red' ? 'alert' : 'status'} p="xs">
          <Text size="sm">{m.text}</Text>
        </Alert>
      ))}
    </Stack>
  );
}

/** The states in which the electronic result may be attached (attachments.ts RESULT_UPLOAD_STATUSES). */
const RESULT_STATUSES = ['approved', 'rejected', 'result_ready'];

/** Uploads the electronic result (kết quả điện tử), which the applicant downloads once the dossier is returned. */
function useUploadResult(dossierId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('purpose', 'result');
      form.append('file', file, file.name);
      return api<AttachmentView>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/attachments`, {
        method: 'POST',
        body: form,
      });
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: attachmentsKey(dossierId) }),
  });
}

/** The electronic result: offered once the dossier is decided or its result is ready. */
function ResultUploader({ dossierId, data }: { dossierId: string; data: AttachmentList }) {
  const { t } = useTranslation();
  const dossier = useDossier(dossierId);
  const upload = useUploadResult(dossierId);
  const [message, setMessage] = useState<Message | null>(null);
  const status = dossier.data?.status;
  if (!status) return null;
  const results = data.items.filter((a) => a.purpose === 'result');
  const open = RESULT_STATUSES.includes(status);
  if (!open && results.length === 0) return null;
  const send = async (file: File | null) => {
    if (!file) return;
    const key = `${file.name}:${Date.now()}`;
    try {
      await upload.mutateAsync(file);
      setMessage({
        key,
        color: 'green',
        text: t('citizenOnline.officerResultUploaded', { name: file.name }),
      });
    } catch (error) {
      const reason = error instanceof ApiError ? error.detail || t('errors.generic') : t('errors.network');
      setMessage({ key, color: 'red', text: t('attachments.failed', { name: file.name, reason }) });
    }
  };
  return (
    <Paper withBorder p="sm" data-testid="result-upload">
      <Stack gap="xs">
        <Text fw={600}>{t('citizenOnline.officerResult')}</Text>
        <Text size="sm" c="dimmed">
          {open ? t('citizenOnline.officerResultIntro') : t('citizenOnline.officerResultNotYet')}
        </Text>
        {open && (
          <FileButton onChange={(f) => void send(f)} accept={ATTACHMENT_CONTENT_TYPES.join(',')}>
            {(props) => (
              <Button {...props} w="fit-content" loading={upload.isPending}>
                {t('citizenOnline.officerResultChoose')}
              </Button>
            )}
          </FileButton>
        )}
        {message && (
          <Alert color={message.color} role={message.color === 'red' ? 'alert' : 'status'} p="xs">
            <Text size="sm">{message.text}</Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
