import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_FEEDBACK_CONTENT, MAX_FEEDBACK_NOTE, MAX_FEEDBACK_TITLE } from '../../../../common/api/feedback';
import { ApiError } from '../../../api/client';
import { FormError, fieldError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { foldedFilter } from '../../../lib/foldedFilter';
import { ProvinceCommuneSelect } from '../../dossiers/IntakeCommuneSelect';
import {
  type FeedbackDetail,
  type StaffAction,
  useFeedbackAction,
  useFeedbackAssignees,
  useFeedbackCategories,
  useFeedbackReport,
} from '../staff-api';
import { availableStaffActions } from './available';
import { DuplicatesList } from './DuplicatesList';
import { previewPublicText } from './mask-preview';
import { PlainText, useFeedbackRights } from './parts';

/** The action needs a reason the reporter (or the other office) reads. */
const NEEDS_REASON: readonly StaffAction[] = [
  'reject',
  'return_answer',
  'forward',
  'escalate',
  'return_from_province',
];
const NEGATIVE: readonly StaffAction[] = ['reject'];
/** The assign picker's choice "the body only, nobody yet" (accountId null). */
const BODY_ONLY = '__body__';
const FIELDS = [
  'reason',
  'note',
  'text',
  'publicText',
  'accountId',
  'body',
  'communeCode',
  'children',
  'intoId',
];

/** The button's words: a specialist's answer to a category that needs approval goes to the leader first. */
function labelKey(action: StaffAction, r: FeedbackDetail, approve: boolean) {
  if (action === 'answer' && r.state === 'escalated') return 'feedbackStaff.do.answer_province' as const;
  if (action === 'answer' && r.approvalRequired && !approve) return 'feedbackStaff.do.submit_answer' as const;
  return `feedbackStaff.do.${action}` as const;
}

/** One button per action the caller may take now; each opens its form in a dialog. */
export function ActionsPanel({ report: r }: { report: FeedbackDetail }) {
  const { t } = useTranslation();
  const rights = useFeedbackRights(r.communeCode, r.provinceCode);
  const [chosen, setChosen] = useState<StaffAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const actions = availableStaffActions(r.state, rights, {
    hasAnswer: !!r.answerText,
    childStates: r.children.map((c) => c.state),
  });
  if (actions.length === 0 && !done) return null;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('feedbackStaff.detail.actions')}
      </Title>
      <Stack gap="sm">
        {actions.length === 0 ? (
          <Text size="sm">{t('feedbackStaff.detail.noActions')}</Text>
        ) : (
          <Group gap="xs" data-testid="feedback-actions">
            {actions.map((a) => (
              <Button
                key={a}
                variant={chosen === a ? 'filled' : 'light'}
                color={NEGATIVE.includes(a) ? 'red' : undefined}
                onClick={() => {
                  setDone(null);
                  setChosen(a);
                }}
                data-testid={`action-${a}`}
              >
                {t(labelKey(a, r, rights.approve))}
              </Button>
            ))}
          </Group>
        )}
        {done && (
          <Alert color="green" role="status" data-testid="action-done">
            {done}
          </Alert>
        )}
      </Stack>
      <Modal
        opened={chosen !== null}
        onClose={() => setChosen(null)}
        title={chosen ? `${t(labelKey(chosen, r, rights.approve))} — ${r.code}` : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        size={chosen === 'split' || chosen === 'answer' || chosen === 'approve' ? 'xl' : 'lg'}
      >
        {chosen && (
          <ActionForm
            key={chosen}
            report={r}
            action={chosen}
            approve={rights.approve}
            onClose={() => setChosen(null)}
            onDone={(action) => {
              setChosen(null);
              setDone(t('feedbackStaff.detail.done', { action: t(labelKey(action, r, rights.approve)) }));
            }}
          />
        )}
      </Modal>
    </Paper>
  );
}

interface ChildRow {
  key: number;
  categoryId: string | null;
  title: string;
  content: string;
  assignedBody: string;
}

function ActionForm({
  report: r,
  action,
  approve,
  onClose,
  onDone,
}: {
  report: FeedbackDetail;
  action: StaffAction;
  approve: boolean;
  onClose: () => void;
  onDone: (action: StaffAction) => void;
}) {
  const { t, i18n } = useTranslation();
  const act = useFeedbackAction(r.id);
  const reload = useFeedbackReport(r.id);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [text, setText] = useState(action === 'answer' && r.state === 'reopened' ? '' : (r.answerText ?? ''));
  const [editPublic, setEditPublic] = useState(action === 'edit_public');
  const [publicText, setPublicText] = useState(r.answerPublicText ?? '');
  const [communeCode, setCommuneCode] = useState('');
  const [assignee, setAssignee] = useState<string | null>(null);
  const [body, setBody] = useState(r.assignedBody ?? '');
  const [missingAssignee, setMissingAssignee] = useState(false);
  const [children, setChildren] = useState<ChildRow[]>([
    { key: 1, categoryId: r.categoryId, title: '', content: '', assignedBody: '' },
    { key: 2, categoryId: r.categoryId, title: '', content: '', assignedBody: '' },
  ]);
  const assignees = useFeedbackAssignees(r.id, action === 'assign');
  const categories = useFeedbackCategories(action === 'split' ? r.provinceCode : '');
  const suggested = assignees.data?.defaultHandler?.accountId ?? null;
  useEffect(() => {
    // "Ai phụ trách?" (the task assignment) preselects the person; the officer can still pick another.
    if (suggested) setAssignee((a) => a ?? suggested);
  }, [suggested]);

  const known = {
    names: r.reporterName ? [r.reporterName] : [],
    phones: r.reporterPhone ? [r.reporterPhone] : [],
    emails: r.reporterEmail ? [r.reporterEmail] : [],
  };
  const masked = previewPublicText(text, known);
  const conflict = act.error instanceof ApiError && act.error.status === 409;

  if (action === 'merge')
    return (
      <Stack gap="sm">
        <Text size="sm">{t('feedbackStaff.duplicates.mergeHint', { code: r.code })}</Text>
        <DuplicatesList report={r} onMerged={() => onDone('merge')} />
      </Stack>
    );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    act.reset();
    if (action === 'assign' && !assignee) {
      setMissingAssignee(true);
      return;
    }
    const base = { version: r.version };
    const payload: Record<string, unknown> = (() => {
      switch (action) {
        case 'reject':
        case 'return_answer':
        case 'escalate':
        case 'return_from_province':
          return { reason: reason.trim() };
        case 'forward':
          return { communeCode, reason: reason.trim() };
        case 'assign':
          return { accountId: assignee === BODY_ONLY ? null : assignee, body: body.trim() || undefined };
        case 'answer':
          return { text: text.trim(), publicText: editPublic ? publicText.trim() : undefined };
        case 'approve':
          return { publicText: editPublic ? publicText.trim() : undefined };
        case 'edit_public':
          return { publicText: publicText.trim() };
        case 'split':
          return {
            children: children.map((c) => ({
              categoryId: c.categoryId ?? '',
              title: c.title.trim(),
              content: c.content.trim(),
              assignedBody: c.assignedBody.trim() || undefined,
            })),
          };
        default:
          return { note: note.trim() || undefined };
      }
    })();
    act.mutate({ action, body: { ...base, ...payload } }, { onSuccess: () => onDone(action) });
  };

  const err = (f: string) => fieldError(act.error, f);
  const en = i18n.language === 'en';
  const publicEditor = (
    <Stack gap={4}>
      <Checkbox
        label={t('feedbackStaff.answer.editPublic')}
        checked={editPublic}
        onChange={(e) => {
          const on = e.currentTarget.checked;
          setEditPublic(on);
          if (on && !publicText)
            setPublicText(action === 'approve' ? (r.answerPublicText ?? masked) : masked);
        }}
        data-testid="edit-public-toggle"
      />
      {editPublic && (
        <Textarea
          label={t('feedbackStaff.answer.publicVersion')}
          description={t('feedbackStaff.answer.publicHint')}
          value={publicText}
          onChange={(e) => setPublicText(e.currentTarget.value)}
          autosize
          minRows={4}
          maxLength={MAX_FEEDBACK_CONTENT}
          error={err('publicText')}
          data-testid="public-text"
        />
      )}
    </Stack>
  );

  return (
    <form onSubmit={submit} aria-label={t(labelKey(action, r, approve))} noValidate>
      <Stack gap="sm">
        <Text size="sm" fw={500} data-testid="action-consequence">
          {t(`feedbackStaff.consequence.${action}`)}
        </Text>
        {action === 'answer' && r.approvalRequired && !approve && r.state !== 'escalated' && (
          <Alert color="grape" p="xs">
            <Text size="sm">{t('feedbackStaff.answer.needsApproval')}</Text>
          </Alert>
        )}
        {action === 'assign' &&
          (assignees.isPending ? (
            <Loading />
          ) : (
            <Stack gap={4}>
              <Select
                label={t('feedbackStaff.assign.assignee')}
                data={[
                  ...(assignees.data?.items ?? []).map((c) => ({
                    value: c.accountId,
                    label:
                      c.accountId === suggested ? `${c.name} — ${t('feedbackStaff.assign.default')}` : c.name,
                  })),
                  { value: BODY_ONLY, label: t('feedbackStaff.assign.bodyOnly') },
                ]}
                value={assignee}
                onChange={(v) => {
                  setAssignee(v);
                  setMissingAssignee(false);
                }}
                searchable
                filter={foldedFilter}
                allowDeselect={false}
                required
                error={err('accountId') ?? (missingAssignee ? t('feedbackStaff.assign.choose') : undefined)}
                nothingFoundMessage={t('feedbackStaff.assign.nobody')}
                data-testid="assignee"
                data-autofocus
              />
              <Text size="sm" c="dimmed" data-testid="assignment-hint">
                {assignees.data?.defaultHandler
                  ? t('feedbackStaff.assign.whoHandles', {
                      person: assignees.data.defaultHandler.name,
                      field: assignees.data.defaultHandler.areaLabel,
                    })
                  : assignees.data?.assignmentField
                    ? t('feedbackStaff.assign.noDefault', { field: assignees.data.assignmentField })
                    : t('feedbackStaff.assign.noField')}
              </Text>
              <TextInput
                label={t('feedbackStaff.field.assignedBody')}
                description={t('feedbackStaff.assign.bodyHint')}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                maxLength={200}
                error={err('body')}
              />
            </Stack>
          ))}
        {action === 'forward' && (
          <ProvinceCommuneSelect
            communeCode={r.communeCode}
            value={communeCode}
            onChange={setCommuneCode}
            label={t('feedbackStaff.forward.to')}
            error={err('communeCode')}
          />
        )}
        {NEEDS_REASON.includes(action) && (
          <Textarea
            label={t('feedbackStaff.field.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            autosize
            minRows={2}
            maxLength={MAX_FEEDBACK_NOTE}
            error={err('reason')}
            data-autofocus={action === 'forward' ? undefined : true}
            data-testid="action-reason"
          />
        )}
        {action === 'answer' && (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Textarea
              label={t('feedbackStaff.answer.text')}
              description={t('feedbackStaff.answer.textHint')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              required
              autosize
              minRows={8}
              maxLength={MAX_FEEDBACK_CONTENT}
              error={err('text')}
              data-autofocus
              data-testid="answer-input"
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {r.isPrivate ? t('feedbackStaff.answer.previewPrivate') : t('feedbackStaff.answer.preview')}
              </Text>
              <Paper
                withBorder
                p="xs"
                bg="var(--mantine-color-gray-0)"
                mih={120}
                data-testid="public-preview"
              >
                {masked ? (
                  <PlainText text={masked} />
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Paper>
              <Text size="xs" c="dimmed">
                {t('feedbackStaff.answer.previewHint')}
              </Text>
            </Stack>
          </SimpleGrid>
        )}
        {action === 'answer' && publicEditor}
        {action === 'approve' && (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('feedbackStaff.detail.draft')}
            </Text>
            <Paper withBorder p="xs">
              <PlainText text={r.answerText ?? ''} />
            </Paper>
            <Text size="sm" c="dimmed">
              {t('feedbackStaff.answer.preview')}
            </Text>
            <Paper withBorder p="xs" bg="var(--mantine-color-gray-0)">
              <PlainText text={r.answerPublicText ?? previewPublicText(r.answerText ?? '', known)} />
            </Paper>
            {publicEditor}
          </Stack>
        )}
        {action === 'edit_public' && (
          <Textarea
            label={t('feedbackStaff.answer.publicVersion')}
            description={t('feedbackStaff.answer.publicHint')}
            value={publicText}
            onChange={(e) => setPublicText(e.currentTarget.value)}
            required
            autosize
            minRows={6}
            maxLength={MAX_FEEDBACK_CONTENT}
            error={err('publicText')}
            data-autofocus
            data-testid="public-text"
          />
        )}
        {action === 'split' && (
          <Stack gap="xs" data-testid="split-children">
            {children.map((c, i) => (
              <Paper key={c.key} withBorder p="xs" data-testid="split-child">
                <Group justify="space-between" mb={4}>
                  <Text size="sm" fw={500}>
                    {t('feedbackStaff.split.child', { n: i + 1 })}
                  </Text>
                  {children.length > 2 && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('feedbackStaff.split.remove', { n: i + 1 })}
                      onClick={() => setChildren((all) => all.filter((x) => x.key !== c.key))}
                    >
                      ×
                    </ActionIcon>
                  )}
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select
                    label={t('feedbackStaff.field.category')}
                    data={(categories.data ?? [])
                      .filter((x) => x.active)
                      .map((x) => ({ value: x.id, label: en ? x.nameEn : x.nameVi }))}
                    value={c.categoryId}
                    onChange={(v) =>
                      setChildren((all) => all.map((x) => (x.key === c.key ? { ...x, categoryId: v } : x)))
                    }
                    searchable
                    filter={foldedFilter}
                    required
                    error={err(`children.${i}.categoryId`)}
                  />
                  <TextInput
                    label={t('feedbackStaff.field.assignedBody')}
                    value={c.assignedBody}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setChildren((all) => all.map((x) => (x.key === c.key ? { ...x, assignedBody: v } : x)));
                    }}
                    maxLength={200}
                  />
                </SimpleGrid>
                <TextInput
                  label={t('feedbackStaff.field.title')}
                  value={c.title}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setChildren((all) => all.map((x) => (x.key === c.key ? { ...x, title: v } : x)));
                  }}
                  maxLength={MAX_FEEDBACK_TITLE}
                  required
                  error={err(`children.${i}.title`)}
                  data-testid="split-title"
                />
                <Textarea
                  label={t('feedbackStaff.field.content')}
                  value={c.content}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setChildren((all) => all.map((x) => (x.key === c.key ? { ...x, content: v } : x)));
                  }}
                  autosize
                  minRows={2}
                  maxLength={MAX_FEEDBACK_CONTENT}
                  required
                  error={err(`children.${i}.content`)}
                  data-testid="split-content"
                />
              </Paper>
            ))}
            <Button
              variant="default"
              size="xs"
              w="fit-content"
              onClick={() =>
                setChildren((all) => [
                  ...all,
                  {
                    key: Math.max(...all.map((x) => x.key)) + 1,
                    categoryId: r.categoryId,
                    title: '',
                    content: '',
                    assignedBody: '',
                  },
                ])
              }
            >
              {t('feedbackStaff.split.add')}
            </Button>
          </Stack>
        )}
        {(action === 'accept' || action === 'close') && (
          <Textarea
            label={t('feedbackStaff.field.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={MAX_FEEDBACK_NOTE}
            error={err('note')}
            data-autofocus
          />
        )}
        {conflict ? (
          <Alert color="orange" role="alert" data-testid="conflict">
            <Stack gap="xs">
              <Text size="sm">{t('feedbackStaff.conflict')}</Text>
              <Button
                size="xs"
                variant="white"
                color="orange"
                w="fit-content"
                loading={reload.isFetching}
                onClick={() => {
                  void reload.refetch().then(() => onClose());
                }}
                data-testid="conflict-reload"
              >
                {t('feedbackStaff.reload')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          act.error && (
            <FormError
              error={act.error}
              shown={(f) => FIELDS.some((x) => f === `body.${x}` || f.startsWith(`body.${x}.`))}
            />
          )
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={act.isPending}
            disabled={conflict}
            color={NEGATIVE.includes(action) ? 'red' : undefined}
            data-testid="action-confirm"
          >
            {t(labelKey(action, r, approve))}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
