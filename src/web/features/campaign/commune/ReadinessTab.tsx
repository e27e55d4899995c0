import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AnswerStatus,
  type ChecklistItem,
  ITEM_GROUPS,
  type ItemGroup,
} from '../../../../common/api/campaign-readiness';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormError, fieldError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { LocalizedDates } from '../../../components/LocalizedDates';
import { formatDate } from '../../../lib/dates';
import { DateField } from '../../calendar/DateField';
import type { CommuneTabProps } from '../CampaignPage';
import { readinessPaths, useAnswerActions, useReadiness } from '../readiness-api';

const STATUSES: AnswerStatus[] = ['not_started', 'in_progress', 'done', 'not_applicable'];
const STATUS_COLOR: Record<AnswerStatus, string> = {
  not_started: 'gray',
  in_progress: 'yellow',
  done: 'green',
  not_applicable: 'blue',
};

/** The commune's readiness checklist: by group, status per item, evidence, auto checks, the weighted % and blockers. */
export function ReadinessTab({ communeCode }: CommuneTabProps) {
  const { t } = useTranslation();
  const q = useReadiness(communeCode);
  const [group, setGroup] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const data = q.data;
  if (!data.template) return <Alert color="yellow">{t('campaignReadiness.noChecklist')}</Alert>;
  const { readiness } = data;
  const items = data.items.filter(
    (i) => (!group || i.groupKey === group) && (!status || i.status === status),
  );
  const groups = ITEM_GROUPS.filter((g) => items.some((i) => i.groupKey === g));
  const reached = readiness.percent >= data.goLiveThreshold;
  return (
    <Stack>
      <Card withBorder>
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={4}>
              {t('campaignReadiness.checklistTitle', {
                title: data.template.title,
                version: data.template.version,
              })}
            </Title>
            {data.live && <Badge color="green">{t('campaignReadiness.liveFrozen')}</Badge>}
          </Group>
          <Group gap="md" align="center">
            <Text fw={700} size="xl" data-testid="readiness-percent">
              {readiness.percent.toLocaleString('vi-VN')}%
            </Text>
            <Text size="sm" c="dimmed">
              {t('campaignReadiness.doneOf', { done: readiness.done, total: readiness.total })} ·{' '}
              {t('campaignReadiness.threshold', { threshold: data.goLiveThreshold })}
            </Text>
          </Group>
          <Progress
            value={readiness.percent}
            color={reached ? 'green' : 'orange'}
            aria-label={t('campaignReadiness.percentLabel')}
          />
          <Text size="xs" c="dimmed">
            {t('campaignReadiness.rule')}
          </Text>
          {readiness.blockers.length > 0 ? (
            <Alert color="red" title={t('campaignReadiness.blockers', { count: readiness.blockers.length })}>
              <Stack gap={2}>
                {readiness.blockers.map((b) => (
                  <Text key={b.itemKey} size="sm">
                    <b>{b.title}</b> — {b.reason}
                  </Text>
                ))}
              </Stack>
            </Alert>
          ) : (
            <Text size="sm" c="green">
              {t('campaignReadiness.noBlockers')}
            </Text>
          )}
        </Stack>
      </Card>
      <Group>
        <Select
          label={t('campaignReadiness.filterGroup')}
          data={ITEM_GROUPS.map((g) => ({ value: g, label: t(`campaignReadiness.group.${g}`) }))}
          value={group}
          onChange={setGroup}
          clearable
          w={260}
        />
        <Select
          label={t('campaignReadiness.filterStatus')}
          data={STATUSES.map((s) => ({ value: s, label: t(`campaignReadiness.status.${s}`) }))}
          value={status}
          onChange={setStatus}
          clearable
          w={220}
        />
      </Group>
      {items.length === 0 && <Text c="dimmed">{t('campaignReadiness.noItems')}</Text>}
      {groups.map((g) => (
        <Card withBorder key={g} padding="sm">
          <Title order={5} mb="xs">
            {t(`campaignReadiness.group.${g as ItemGroup}`)}
          </Title>
          <Table verticalSpacing="xs">
            <Table.Tbody>
              {items
                .filter((i) => i.groupKey === g)
                .map((i) => (
                  <ItemRow
                    key={i.itemKey}
                    item={i}
                    communeCode={communeCode}
                    canAnswer={data.canAnswer}
                    editing={editing === i.itemKey}
                    onEdit={(on) => setEditing(on ? i.itemKey : null)}
                  />
                ))}
            </Table.Tbody>
          </Table>
        </Card>
      ))}
    </Stack>
  );
}

function ItemRow({
  item,
  communeCode,
  canAnswer,
  editing,
  onEdit,
}: {
  item: ChecklistItem;
  communeCode: string;
  canAnswer: boolean;
  editing: boolean;
  onEdit: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  const actions = useAnswerActions(communeCode);
  const owner = item.answerOwner ?? item.owner;
  const due = item.answerDueDate ?? item.dueDate;
  return (
    <Table.Tr data-testid={`readiness-item-${item.itemKey}`}>
      <Table.Td>
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={500}>{item.title}</Text>
            {item.blocker && (
              <Badge color="red" variant="light" size="sm">
                {t('campaignReadiness.blocker')}
              </Badge>
            )}
            <Badge variant="outline" size="sm">
              {t('campaignReadiness.weight', { weight: item.weight })}
            </Badge>
          </Group>
          {item.description && (
            <Text size="sm" c="dimmed">
              {item.description}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {owner ? t('campaignReadiness.owner', { owner }) : null}
            {owner && due ? ' · ' : null}
            {due ? t('campaignReadiness.due', { date: formatDate(due) }) : null}
            {item.overdue && (
              <Text span c="red" size="xs" fw={600}>
                {' '}
                {t('campaignReadiness.overdue')}
              </Text>
            )}
          </Text>
          {item.auto && (
            <Text
              size="sm"
              c={item.auto.ok ? 'green' : 'orange'}
              data-testid={`readiness-auto-${item.itemKey}`}
            >
              {t('campaignReadiness.autoChecked')}: {item.auto.detail}
            </Text>
          )}
          {item.comment && <Text size="sm">{item.comment}</Text>}
          {item.evidence.length > 0 && (
            <Group gap="xs">
              {item.evidence.map((e) => (
                <Group key={e.fileId} gap={4}>
                  <Anchor
                    size="sm"
                    href={readinessPaths.evidence(communeCode, item.itemKey, e.fileId)}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {e.name}
                  </Anchor>
                  {canAnswer && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label={t('campaignReadiness.removeEvidence', { name: e.name })}
                      loading={actions.remove.isPending}
                      onClick={() => actions.remove.mutate({ itemKey: item.itemKey, fileId: e.fileId })}
                    >
                      ×
                    </Button>
                  )}
                </Group>
              ))}
            </Group>
          )}
          {actions.upload.isError && <ErrorAlert error={actions.upload.error} />}
          {actions.remove.isError && <ErrorAlert error={actions.remove.error} />}
          {editing && <AnswerForm item={item} communeCode={communeCode} onDone={() => onEdit(false)} />}
        </Stack>
      </Table.Td>
      <Table.Td w={180}>
        <Badge color={STATUS_COLOR[item.status]} data-testid={`readiness-status-${item.itemKey}`}>
          {item.auto ? t('campaignReadiness.autoShort') : t(`campaignReadiness.status.${item.status}`)}
        </Badge>
        {item.auto && (
          <Text size="xs" c={item.auto.ok ? 'green' : 'orange'}>
            {item.auto.ok ? t('campaignReadiness.autoOk') : t('campaignReadiness.autoNotYet')}
          </Text>
        )}
      </Table.Td>
      <Table.Td w={220}>
        {canAnswer && !item.auto && !editing && (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => onEdit(true)}>
              {t('campaignReadiness.update')}
            </Button>
            <FileButton
              accept="image/jpeg,image/png,application/pdf,.docx,.odt"
              onChange={(file) => file && actions.upload.mutate({ itemKey: item.itemKey, file })}
            >
              {(props) => (
                <Button size="xs" variant="subtle" loading={actions.upload.isPending} {...props}>
                  {t('campaignReadiness.addEvidence')}
                </Button>
              )}
            </FileButton>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function AnswerForm({
  item,
  communeCode,
  onDone,
}: {
  item: ChecklistItem;
  communeCode: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { answer } = useAnswerActions(communeCode);
  const [status, setStatus] = useState<AnswerStatus>(item.status);
  const [comment, setComment] = useState(item.comment ?? '');
  const [owner, setOwner] = useState(item.answerOwner ?? '');
  const [due, setDue] = useState<string | null>(item.answerDueDate);
  const statuses = item.blocker ? STATUSES.filter((s) => s !== 'not_applicable') : STATUSES;
  const err = (f: string) => fieldError(answer.error, f);
  return (
    <Card withBorder padding="sm" bg="var(--mantine-color-gray-0)">
      <Stack gap="xs">
        <Select
          label={t('campaignReadiness.statusLabel')}
          data={statuses.map((s) => ({ value: s, label: t(`campaignReadiness.status.${s}`) }))}
          value={status}
          onChange={(v) => v && setStatus(v as AnswerStatus)}
          allowDeselect={false}
          error={err('status')}
          w={240}
        />
        <Textarea
          label={t('campaignReadiness.comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
          error={err('comment')}
        />
        <LocalizedDates>
          <Group align="flex-start">
            <TextInput
              label={t('campaignReadiness.ownerLabel')}
              placeholder={item.owner ?? ''}
              value={owner}
              onChange={(e) => setOwner(e.currentTarget.value)}
              maxLength={200}
              error={err('owner')}
              w={280}
            />
            <DateField
              label={t('campaignReadiness.dueLabel')}
              value={due}
              onChange={setDue}
              clearable
              error={err('dueDate')}
              w={180}
            />
          </Group>
        </LocalizedDates>
        {answer.isError && (
          <FormError
            error={answer.error}
            shown={(f) => ['body.status', 'body.comment', 'body.owner', 'body.dueDate'].includes(f)}
          />
        )}
        <Group>
          <Button
            size="xs"
            loading={answer.isPending}
            onClick={() =>
              answer.mutate(
                {
                  itemKey: item.itemKey,
                  body: {
                    status,
                    comment: comment.trim() || null,
                    owner: owner.trim() || null,
                    dueDate: due,
                    version: item.answerVersion,
                  },
                },
                { onSuccess: onDone },
              )
            }
          >
            {t('campaignReadiness.save')}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
