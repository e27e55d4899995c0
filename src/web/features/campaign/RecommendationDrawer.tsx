import {
  Alert,
  Anchor,
  Badge,
  Button,
  Drawer,
  FileInput,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../lib/dates';
import { formatDateTime } from '../../lib/datetime';
import {
  evidenceUrl,
  type Recommendation,
  type RecommendationDetail,
  type RecStep,
  useAddEvidence,
  useDepartmentHandlers,
  useRecommendation,
  useRecommendationStep,
} from './recs-api';

const STATUS_COLOR: Record<string, string> = {
  sent: 'blue',
  received: 'cyan',
  assigned: 'grape',
  answered: 'teal',
  closed: 'gray',
  reopened: 'orange',
};

export function RecStatusBadge({ status }: { status: Recommendation['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light" data-testid="rec-status">
      {t(`campaignRecs.status.${status}`)}
    </Badge>
  );
}

/** The due date of the step it waits for, red when overdue. */
export function RecDue({ rec }: { rec: Recommendation }) {
  const { t } = useTranslation();
  if (!rec.currentDue) return <Text size="sm">—</Text>;
  return (
    <Text size="sm" c={rec.overdue ? 'red' : undefined} fw={rec.overdue ? 700 : undefined}>
      {formatDate(rec.currentDue)}
      {rec.overdue ? ` · ${t('campaignRecs.overdue')}` : ''}
    </Text>
  );
}

/** A list's title cell: the recommendation's title, marked when it is urgent. */
export function RecTitle({ rec }: { rec: Recommendation }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" fw={500}>
        {rec.title}
      </Text>
      {rec.urgency === 'urgent' ? (
        <Badge size="xs" color="red">
          {t('campaignRecs.urgency.urgent')}
        </Badge>
      ) : null}
    </>
  );
}

/** One recommendation: its content, evidence, answer, history and the steps the user may take now. */
export function RecommendationDrawer({
  id,
  provinceCode,
  onClose,
}: {
  id: string | null;
  provinceCode: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const q = useRecommendation(id);
  return (
    <Drawer
      opened={!!id}
      onClose={onClose}
      position="right"
      size="lg"
      title={t('campaignRecs.detailTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {q.isPending && id ? <Loading /> : null}
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {q.data ? <Detail rec={q.data} provinceCode={provinceCode} /> : null}
    </Drawer>
  );
}

function Detail({ rec, provinceCode }: { rec: RecommendationDetail; provinceCode: string }) {
  const { t } = useTranslation();
  const lastAnswer = [...rec.actions].reverse().find((a) => a.action === 'answer');
  const declineReason = rec.outcome === 'declined' ? lastAnswer?.reason : null;
  return (
    <Stack gap="sm" data-testid="rec-detail">
      <Group gap="xs">
        <RecStatusBadge status={rec.status} />
        <Badge variant="outline">{t(`campaignRecs.category.${rec.category}`)}</Badge>
        {rec.urgency === 'urgent' ? <Badge color="red">{t('campaignRecs.urgency.urgent')}</Badge> : null}
      </Group>
      <Title order={4}>{rec.title}</Title>
      <Text size="sm" c="dimmed">
        {rec.communeName ?? rec.communeCode} · {t('campaignRecs.sentAt')} {formatDateTime(rec.sentAt)}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{rec.content}</Text>
      <Group gap="lg">
        <Text size="sm">
          {t('campaignRecs.receiveDue')}: {formatDate(rec.receiveDue)}
        </Text>
        {rec.answerDue ? (
          <Text size="sm">
            {t('campaignRecs.answerDue')}: {formatDate(rec.answerDue)}
          </Text>
        ) : null}
        {rec.overdue ? <Badge color="red">{t('campaignRecs.overdue')}</Badge> : null}
      </Group>
      {rec.department ? (
        <Text size="sm">
          {t('campaignRecs.department')}: <b>{rec.department}</b>
          {rec.assigneeName ? ` — ${rec.assigneeName}` : ''}
        </Text>
      ) : null}
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t('campaignRecs.evidence')}
        </Text>
        {rec.evidence.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('campaignRecs.noEvidence')}
          </Text>
        ) : (
          rec.evidence.map((f) => (
            <Anchor key={f.fileId} href={evidenceUrl(rec.id, f.fileId)} target="_blank" size="sm">
              {f.name} ({Math.ceil(f.size / 1024)} KB)
            </Anchor>
          ))
        )}
        {rec.allowed.includes('close') || rec.status === 'sent' ? <AddEvidence rec={rec} /> : null}
      </Stack>
      {rec.outcome ? (
        <Alert
          color={rec.outcome === 'declined' ? 'red' : rec.outcome === 'partly' ? 'yellow' : 'teal'}
          title={`${t('campaignRecs.answer')}: ${t(`campaignRecs.outcome.${rec.outcome}`)}`}
          data-testid="rec-answer"
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {rec.answer}
          </Text>
          {declineReason ? (
            <Text size="sm" mt={4}>
              {t('campaignRecs.declineReason')}: {declineReason}
            </Text>
          ) : null}
        </Alert>
      ) : null}
      <Steps rec={rec} provinceCode={provinceCode} />
      <Title order={5}>{t('campaignRecs.history')}</Title>
      <Timeline active={rec.actions.length} bulletSize={14} lineWidth={2}>
        {rec.actions.map((a) => (
          <Timeline.Item key={a.id} title={t(`campaignRecs.action.${a.action}`)}>
            <Text size="xs" c="dimmed">
              {formatDateTime(a.at)} · {a.actorName ?? ''}
            </Text>
            {typeof a.data.department === 'string' ? <Text size="sm">{a.data.department}</Text> : null}
            {typeof a.data.outcome === 'string' ? (
              <Text size="sm">{t(`campaignRecs.outcome.${a.data.outcome as 'resolved'}`)}</Text>
            ) : null}
            {a.reason ? (
              <Text size="sm" fs="italic">
                {a.reason}
              </Text>
            ) : null}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

function AddEvidence({ rec }: { rec: RecommendationDetail }) {
  const { t } = useTranslation();
  const add = useAddEvidence();
  if (!['sent', 'received', 'assigned', 'reopened'].includes(rec.status)) return null;
  return (
    <Stack gap={4}>
      <FileInput
        size="xs"
        accept="application/pdf,image/jpeg,image/png"
        placeholder={t('campaignRecs.addEvidence')}
        aria-label={t('campaignRecs.addEvidence')}
        value={null}
        onChange={(file) => file && add.mutate({ id: rec.id, file })}
        error={fieldError(add.error, 'file')}
        disabled={add.isPending}
        clearable={false}
      />
      {add.error && !fieldError(add.error, 'file') ? <ErrorAlert error={add.error} /> : null}
    </Stack>
  );
}

/** The buttons and forms of the steps the user may take now. */
function Steps({ rec, provinceCode }: { rec: RecommendationDetail; provinceCode: string }) {
  const { t } = useTranslation();
  const step = useRecommendationStep();
  const [open, setOpen] = useState<RecStep | null>(null);
  const [department, setDepartment] = useState(rec.department ?? '');
  const [assignee, setAssignee] = useState<string | null>(rec.assigneeAccountId);
  const [outcome, setOutcome] = useState<string | null>('resolved');
  const [answer, setAnswer] = useState('');
  const [reason, setReason] = useState('');
  const handlers = useDepartmentHandlers(provinceCode, rec.allowed.includes('assign'));
  if (!rec.allowed.length) return null;
  const run = (s: RecStep, body: Record<string, unknown>) =>
    step.mutate(
      { id: rec.id, step: s, body: { version: rec.version, ...body } },
      { onSuccess: () => setOpen(null) },
    );
  const err = step.error;
  return (
    <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
      <Group gap="xs">
        {rec.allowed.includes('receive') ? (
          <Button
            size="xs"
            onClick={() => run('receive', {})}
            loading={step.isPending}
            data-testid="rec-receive"
          >
            {t('campaignRecs.do.receive')}
          </Button>
        ) : null}
        {rec.allowed.map((a) =>
          a === 'receive' ? null : (
            <Button
              key={a}
              size="xs"
              variant={open === a ? 'filled' : 'light'}
              color={a === 'reopen' ? 'orange' : undefined}
              onClick={() => setOpen(open === a ? null : a)}
              data-testid={`rec-${a}`}
            >
              {t(`campaignRecs.do.${a}`)}
            </Button>
          ),
        )}
      </Group>
      {open === 'assign' ? (
        <Stack gap="xs">
          <TextInput
            label={t('campaignRecs.department')}
            placeholder="Sở Nội vụ"
            value={department}
            onChange={(e) => setDepartment(e.currentTarget.value)}
            error={fieldError(err, 'department')}
            required
          />
          <Select
            label={t('campaignRecs.assignee')}
            placeholder={t('campaignRecs.noAssignee')}
            data={(handlers.data?.items ?? []).map((h) => ({ value: h.accountId, label: h.displayName }))}
            value={assignee}
            onChange={setAssignee}
            clearable
            error={fieldError(err, 'assigneeAccountId')}
          />
          <Button size="xs" onClick={() => run('assign', { department, assigneeAccountId: assignee })}>
            {t('campaignRecs.do.assign')}
          </Button>
        </Stack>
      ) : null}
      {open === 'answer' ? (
        <Stack gap="xs">
          <Select
            label={t('campaignRecs.outcomeLabel')}
            data={(['resolved', 'partly', 'declined'] as const).map((o) => ({
              value: o,
              label: t(`campaignRecs.outcome.${o}`),
            }))}
            value={outcome}
            onChange={setOutcome}
            allowDeselect={false}
          />
          <Textarea
            label={t('campaignRecs.answer')}
            value={answer}
            onChange={(e) => setAnswer(e.currentTarget.value)}
            autosize
            minRows={3}
            error={fieldError(err, 'answer')}
            required
            data-testid="rec-answer-text"
          />
          {outcome === 'declined' ? (
            <Textarea
              label={t('campaignRecs.declineReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fieldError(err, 'reason')}
              required
            />
          ) : null}
          <Button size="xs" onClick={() => run('answer', { outcome, answer, reason: reason || null })}>
            {t('campaignRecs.do.answer')}
          </Button>
        </Stack>
      ) : null}
      {open === 'close' ? (
        <Group>
          <Text size="sm">{t('campaignRecs.closeConfirm')}</Text>
          <Button size="xs" onClick={() => run('close', {})} data-testid="rec-close-confirm">
            {t('campaignRecs.do.close')}
          </Button>
        </Group>
      ) : null}
      {open === 'reopen' ? (
        <Stack gap="xs">
          <Textarea
            label={t('campaignRecs.reopenReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError(err, 'reason')}
            required
          />
          <Button size="xs" color="orange" onClick={() => run('reopen', { reason })}>
            {t('campaignRecs.do.reopen')}
          </Button>
        </Stack>
      ) : null}
      {err &&
      !(['department', 'assigneeAccountId', 'answer', 'reason'] as const).some((f) => fieldError(err, f)) ? (
        <ErrorAlert error={err} />
      ) : null}
    </Stack>
  );
}
