import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
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
import { MEETING_DOC_TYPES, type MinutesContent } from '../../../common/api/meeting-after';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { LocalizedDates } from '../../components/LocalizedDates';
import { formatDate, todayInVietnam } from '../../lib/dates';
import { formatDateTime } from '../../lib/datetime';
import { DateField } from '../calendar/DateField';
import { useActiveOfficials } from '../org/api';
import { OfficialSelect, toPersonOption } from '../org/OfficialSelect';
import {
  type MeetingDetail,
  type MeetingDocument,
  type MeetingTask,
  type Minutes,
  paths,
  useAfterActions,
  useMeetingDocuments,
  useMeetingTasks,
  useMeetingVotes,
  useMinutes,
} from './api';
import { TextModal } from './TextModal';

/** After the session: documents (numbered, or DIỄN TẬP), follow-up tasks and the minutes. */
export function AfterPanel({ meeting: m }: { meeting: MeetingDetail }) {
  return (
    <Stack gap="lg">
      <DocumentsSection meeting={m} />
      <TasksSection meeting={m} />
      <MinutesSection meeting={m} />
    </Stack>
  );
}

function DocumentsSection({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const docs = useMeetingDocuments(m.id);
  const items = docs.data?.items ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="docs-title">
      <Title order={2} size="h3" id="docs-title">
        {t('meetings.documents.title')}
      </Title>
      {docs.isError && <ErrorAlert error={docs.error} />}
      {items.length === 0 && !docs.isPending && <Text c="dimmed">{t('meetings.documents.none')}</Text>}
      {items.map((d) => (
        <DocumentCard key={d.id} meeting={m} doc={d} />
      ))}
      {m.canManage && <NewDocumentForm meeting={m} />}
    </Stack>
  );
}

function DocumentCard({ meeting: m, doc: d }: { meeting: MeetingDetail; doc: MeetingDocument }) {
  const { t } = useTranslation();
  const actions = useAfterActions(m.id);
  const officials = useActiveOfficials(m.communeCode);
  const people = (officials.data?.items ?? []).map(toPersonOption);
  const [signerId, setSignerId] = useState<string | null>(m.chair?.id ?? null);
  const [issuedOn, setIssuedOn] = useState<string | null>(todayInVietnam());
  const [taskOfficial, setTaskOfficial] = useState<string | null>(null);
  const [taskTitle, setTaskTitle] = useState('');
  const [days, setDays] = useState<number | string>(10);
  return (
    <Card withBorder padding="sm" data-testid="meeting-document">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Stack gap={0}>
            <Group gap="xs">
              <Text fw={700} data-testid="document-number">
                {d.rehearsal
                  ? t('meetings.rehearsal.band')
                  : d.number
                    ? t('meetings.documents.number', { number: d.number })
                    : t('meetings.documents.noNumber')}
              </Text>
              <Badge variant="light" color={d.status === 'issued' ? 'green' : 'gray'}>
                {t(`meetings.documents.status.${d.status}`)}
              </Badge>
            </Group>
            <Text>
              {t(`meetings.docType.${d.docType}`)}: {d.title}
            </Text>
            {d.issuedOn && (
              <Text size="xs" c="dimmed">
                {formatDate(d.issuedOn)} · {d.signer?.fullName}
              </Text>
            )}
          </Stack>
          <Group gap="xs">
            <Anchor href={paths.documentFile(d.id, 'pdf')} target="_blank" size="sm">
              PDF
            </Anchor>
            <Anchor href={paths.documentFile(d.id, 'docx')} size="sm">
              DOCX
            </Anchor>
          </Group>
        </Group>
        {m.canManage && d.status === 'draft' && (
          <LocalizedDates>
            <Group align="flex-end" wrap="wrap">
              <DateField
                label={t('meetings.documents.issuedOn')}
                value={issuedOn}
                onChange={setIssuedOn}
                w={170}
              />
              <OfficialSelect
                label={t('meetings.documents.signer')}
                people={people}
                value={signerId}
                onChange={setSignerId}
                w={240}
              />
              <Button
                disabled={!signerId || !issuedOn}
                loading={actions.issue.isPending}
                onClick={() => signerId && issuedOn && actions.issue.mutate({ id: d.id, issuedOn, signerId })}
                data-testid="document-issue"
              >
                {m.rehearsal ? t('meetings.documents.issueRehearsal') : t('meetings.documents.issue')}
              </Button>
            </Group>
          </LocalizedDates>
        )}
        {actions.issue.error && <ErrorAlert error={actions.issue.error} />}
        {m.canManage && d.status === 'issued' && (
          <Group align="flex-end" wrap="wrap">
            <OfficialSelect
              label={t('meetings.tasks.official')}
              people={people}
              value={taskOfficial}
              onChange={setTaskOfficial}
              w={220}
            />
            <TextInput
              label={t('meetings.tasks.task')}
              value={taskTitle}
              onChange={(e) => setTaskTitle(e.currentTarget.value)}
              w={260}
            />
            <NumberInput
              label={t('meetings.tasks.workingDays')}
              value={days}
              onChange={setDays}
              min={1}
              max={365}
              w={140}
            />
            <Button
              variant="light"
              disabled={!taskOfficial || taskTitle.trim().length < 3}
              loading={actions.addTask.isPending}
              onClick={() =>
                taskOfficial &&
                actions.addTask.mutate(
                  {
                    documentId: d.id,
                    officialId: taskOfficial,
                    title: taskTitle.trim(),
                    workingDays: Number(days) || 1,
                  },
                  { onSuccess: () => setTaskTitle('') },
                )
              }
            >
              {t('meetings.tasks.add')}
            </Button>
          </Group>
        )}
        {actions.addTask.error && <ErrorAlert error={actions.addTask.error} />}
      </Stack>
    </Card>
  );
}

function NewDocumentForm({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const actions = useAfterActions(m.id);
  const votes = useMeetingVotes(m.id);
  const [docType, setDocType] = useState<string>('NQ');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [voteId, setVoteId] = useState<string | null>(null);
  const closed = (votes.data?.items ?? []).filter((v) => v.status === 'closed');
  return (
    <Card withBorder data-testid="document-new">
      <Stack gap="xs">
        <Text fw={600}>{t('meetings.documents.new')}</Text>
        <Group grow align="flex-end" wrap="wrap">
          <Select
            label={t('meetings.documents.type')}
            data={MEETING_DOC_TYPES.map((d) => ({ value: d, label: t(`meetings.docType.${d}`) }))}
            value={docType}
            onChange={(v) => v && setDocType(v)}
            allowDeselect={false}
          />
          <Select
            label={t('meetings.documents.vote')}
            data={closed.map((v) => ({
              value: v.id,
              label: `${v.question} (${v.outcome ? t(`meetings.outcome.${v.outcome}`) : ''})`,
            }))}
            value={voteId}
            onChange={setVoteId}
            clearable
          />
        </Group>
        <TextInput
          label={t('meetings.documents.docTitle')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <Textarea
          label={t('meetings.documents.content')}
          value={content}
          onChange={(e) => setContent(e.currentTarget.value)}
          autosize
          minRows={3}
        />
        {actions.createDocument.error && <ErrorAlert error={actions.createDocument.error} />}
        <Group justify="flex-end">
          <Button
            disabled={title.trim().length < 3}
            loading={actions.createDocument.isPending}
            onClick={() =>
              actions.createDocument.mutate(
                { docType, title: title.trim(), content: content.trim(), voteId },
                {
                  onSuccess: () => {
                    setTitle('');
                    setContent('');
                  },
                },
              )
            }
          >
            {t('meetings.documents.create')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function TasksSection({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const tasks = useMeetingTasks(m.id);
  const actions = useAfterActions(m.id);
  const [finishing, setFinishing] = useState<MeetingTask | null>(null);
  const items = tasks.data?.items ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="tasks-title">
      <Title order={2} size="h3" id="tasks-title">
        {t('meetings.tasks.title')}
      </Title>
      {tasks.isError && <ErrorAlert error={tasks.error} />}
      {items.length === 0 ? (
        <Text c="dimmed">{t('meetings.tasks.none')}</Text>
      ) : (
        <Table striped data-testid="tasks-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('meetings.tasks.task')}</Table.Th>
              <Table.Th scope="col">{t('meetings.tasks.official')}</Table.Th>
              <Table.Th scope="col">{t('meetings.tasks.due')}</Table.Th>
              <Table.Th scope="col">{t('meetings.tasks.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((task) => (
              <Table.Tr key={task.id}>
                <Table.Th scope="row" fw={500}>
                  {task.title}
                </Table.Th>
                <Table.Td>{task.official.fullName}</Table.Td>
                <Table.Td>
                  {formatDate(task.dueDate)} ({t('meetings.tasks.days', { n: task.workingDays })})
                </Table.Td>
                <Table.Td>
                  {task.status === 'done' ? (
                    <Badge color="green">{t('meetings.tasks.done')}</Badge>
                  ) : (
                    <Group gap={4}>
                      <Badge color={task.overdue ? 'red' : 'blue'} variant="light">
                        {task.overdue ? t('meetings.tasks.overdue') : t('meetings.tasks.open')}
                      </Badge>
                      {m.canManage && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() => {
                            actions.taskDone.reset();
                            setFinishing(task);
                          }}
                          data-testid="task-done"
                        >
                          {t('meetings.tasks.markDone')}
                        </Button>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <TextModal
        opened={!!finishing}
        onClose={() => setFinishing(null)}
        title={t('meetings.tasks.doneTitle')}
        context={finishing ? `${finishing.title} · ${finishing.official.fullName}` : undefined}
        label={t('meetings.tasks.doneNote')}
        field="note"
        minLength={2}
        maxLength={2000}
        submitLabel={t('meetings.tasks.doneSend')}
        loading={actions.taskDone.isPending}
        error={actions.taskDone.error}
        onSubmit={(note, done) =>
          finishing && actions.taskDone.mutate({ id: finishing.id, note }, { onSuccess: done })
        }
        testId="task-done-modal"
      />
    </Stack>
  );
}

function MinutesSection({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(m.status === 'closed');
  const minutes = useMinutes(m.id, asked);
  return (
    <Stack gap="sm" component="section" aria-labelledby="minutes-title">
      <Title order={2} size="h3" id="minutes-title">
        {t('meetings.minutes.title')}
      </Title>
      {!asked ? (
        <Button w="fit-content" variant="light" onClick={() => setAsked(true)} data-testid="minutes-open">
          {t('meetings.minutes.open')}
        </Button>
      ) : minutes.isError ? (
        <ErrorAlert error={minutes.error} onRetry={() => void minutes.refetch()} />
      ) : minutes.data ? (
        <MinutesView meeting={m} minutes={minutes.data} />
      ) : (
        <Loading />
      )}
    </Stack>
  );
}

function MinutesView({ meeting: m, minutes: mn }: { meeting: MeetingDetail; minutes: Minutes }) {
  const { t } = useTranslation();
  const actions = useAfterActions(m.id);
  const [draft, setDraft] = useState<MinutesContent>(mn.content);
  const [comment, setComment] = useState('');
  const [chairApproved, setChairApproved] = useState(false);
  const locked = mn.status === 'locked';
  const field = (key: 'opening' | 'conclusion' | 'closing' | 'secretaryName', label: string, rows = 3) => (
    <Textarea
      label={label}
      value={draft[key]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setDraft((d) => ({ ...d, [key]: value }));
      }}
      autosize
      minRows={key === 'secretaryName' ? 1 : rows}
    />
  );
  return (
    <Stack gap="sm" data-testid="minutes">
      <Group gap="sm" wrap="wrap">
        <Badge size="lg" color={locked ? 'dark' : 'yellow'} data-testid="minutes-status">
          {locked ? t('meetings.minutes.locked') : t('meetings.minutes.draft', { n: mn.revision })}
        </Badge>
        {mn.rehearsal && <Badge color="red">{t('meetings.rehearsal.band')}</Badge>}
        {mn.number && <Text fw={600}>{t('meetings.documents.number', { number: mn.number })}</Text>}
        <Button
          component="a"
          href={paths.minutesPdf(m.id)}
          target="_blank"
          variant="light"
          data-testid="minutes-pdf"
        >
          {t('meetings.minutes.pdf')}
        </Button>
        <Button component="a" href={paths.minutesDocx(m.id)} variant="light" data-testid="minutes-docx">
          {t('meetings.minutes.docx')}
        </Button>
      </Group>
      {locked && mn.sha256 && (
        <Text size="xs" c="dimmed" data-testid="minutes-hash">
          {t('meetings.minutes.hash', { at: mn.lockedAt ? formatDateTime(mn.lockedAt) : '', sha: mn.sha256 })}
        </Text>
      )}
      <Card withBorder padding="md" bg="gray.0" data-testid="minutes-preview">
        <Stack gap={4}>
          {mn.blocks.map((b, i) => (
            <Text
              // biome-ignore lint/suspicious/noArrayIndexKey: the printed blocks have no identity but their order
              key={i}
              fw={b.kind === 'heading' ? 700 : undefined}
              ta={b.kind === 'heading' ? 'center' : undefined}
              fs={b.kind === 'note' ? 'italic' : undefined}
              size="sm"
              style={{ whiteSpace: 'pre-wrap' }}
            >
              {b.kind === 'bullet' ? `• ${b.text}` : b.text}
            </Text>
          ))}
        </Stack>
      </Card>
      {mn.can.edit && !locked && (
        <Card withBorder>
          <Stack gap="xs">
            <Text fw={600}>{t('meetings.minutes.edit')}</Text>
            {field('opening', t('meetings.minutes.opening'))}
            {mn.items.map((item) => (
              <Textarea
                key={item.id}
                label={t('meetings.minutes.opinions', { title: `${item.position}. ${item.title}` })}
                value={draft.items[item.id]?.opinions ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setDraft((d) => ({ ...d, items: { ...d.items, [item.id]: { opinions: value } } }));
                }}
                autosize
                minRows={2}
              />
            ))}
            {field('conclusion', t('meetings.minutes.conclusion'))}
            {field('closing', t('meetings.minutes.closing'), 2)}
            {field('secretaryName', t('meetings.minutes.secretaryName'))}
            {actions.editMinutes.error && <ErrorAlert error={actions.editMinutes.error} />}
            <Group justify="flex-end">
              <Button
                loading={actions.editMinutes.isPending}
                onClick={() => actions.editMinutes.mutate({ revision: mn.revision, ...draft })}
                data-testid="minutes-save"
              >
                {t('meetings.minutes.save')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      <Stack gap={4}>
        <Text fw={600}>{t('meetings.minutes.comments', { n: mn.comments.length })}</Text>
        {mn.comments.map((c) => (
          <Card key={c.id} padding="xs" bg="gray.0">
            <Text size="sm">
              <strong>{c.authorName}</strong> · {t('meetings.minutes.revision', { n: c.revision })} ·{' '}
              {formatDateTime(c.createdAt)}
            </Text>
            <Text size="sm">{c.body}</Text>
          </Card>
        ))}
        {mn.can.comment && !locked && (
          <Group align="flex-end">
            <Textarea
              label={t('meetings.minutes.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              autosize
              style={{ flex: 1 }}
            />
            <Button
              variant="light"
              disabled={comment.trim().length < 2}
              loading={actions.commentMinutes.isPending}
              onClick={() =>
                actions.commentMinutes.mutate({ body: comment.trim() }, { onSuccess: () => setComment('') })
              }
            >
              {t('meetings.papers.send')}
            </Button>
          </Group>
        )}
        {actions.commentMinutes.error && <ErrorAlert error={actions.commentMinutes.error} />}
      </Stack>
      {!locked && !m.chair && m.canManage && (
        <Text size="sm" c="orange.8" data-testid="minutes-no-chair">
          {t('meetings.minutes.needsChair')}
        </Text>
      )}
      {mn.can.lock && !locked && (
        <Card withBorder>
          <Stack gap="xs">
            <Checkbox
              label={t('meetings.minutes.chairApproved')}
              checked={chairApproved}
              onChange={(e) => setChairApproved(e.currentTarget.checked)}
            />
            <Group>
              <Button
                color="dark"
                loading={actions.lockMinutes.isPending}
                onClick={() => actions.lockMinutes.mutate({ chairApproved })}
                data-testid="minutes-lock"
              >
                {t('meetings.minutes.lock')}
              </Button>
              <Text size="sm" c="dimmed">
                {t('meetings.minutes.lockHint')}
              </Text>
            </Group>
            {actions.lockMinutes.error && <ErrorAlert error={actions.lockMinutes.error} />}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
