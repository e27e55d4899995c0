import {
  Alert,
  Button,
  FileInput,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OFFICIAL_ACTIONS } from '../../../common/api/dossiers';
import { ApiError } from '../../api/client';
import { FormError, fieldError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { parseDate } from '../../lib/dates';
import {
  type AssigneeChoices,
  type DossierView,
  useAssigneeOptions,
  useDossierAction,
  useUploadAttachment,
} from './api';
import { ProvinceCommuneSelect } from './IntakeCommuneSelect';

export type Action = (typeof OFFICIAL_ACTIONS)[number];

/** Chosen from the commune's specialists (GET /dossiers/{id}/assignees). */
const NEEDS_ASSIGNEE: readonly Action[] = ['assign', 'reassign'];
/** The lifecycle requires a reason (domain/actions.ts `required`). */
const NEEDS_REASON: readonly Action[] = [
  'reassign',
  'refuse_intake',
  'request_supplement',
  'request_payment',
  'send_back',
  'reject',
  'withdraw',
  'transfer',
  'extend',
  'record_apology',
];
const NEEDS_DATE: readonly Action[] = ['extend', 'record_apology'];
/** Cannot be undone: the dialog says so and the confirm button repeats the action's name. */
export const IRREVERSIBLE: readonly Action[] = [
  'receive',
  'refuse_intake',
  'approve',
  'reject',
  'return_result',
  'withdraw',
  'transfer',
];
/** Ends or refuses the citizen's request: the confirm button is red. */
const NEGATIVE: readonly Action[] = ['refuse_intake', 'reject', 'withdraw'];
/** The comment is the leader's opinion (ý kiến) on these. */
const OPINION: readonly Action[] = ['approve', 'reject', 'send_back'];
const FIELDS = ['reason', 'note', 'items', 'newDueDate', 'toCommuneCode', 'assigneeId', 'attachmentId'];

interface Props {
  dossier: DossierView;
  action: Action | null;
  onClose: () => void;
  onDone: (action: Action) => void;
}

/**
 * One action on a dossier, confirmed in a dialog that names the dossier and what will happen: the fields the law
 * asks for (reason, new date, assignee, commune), a comment kept in the history for every action, and for
 * "trình phê duyệt" the draft result file (uploaded to the dossier's attachments, then named in the step).
 */
export function ActionDialog({ dossier: d, action, onClose, onDone }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={action !== null}
      onClose={onClose}
      title={action ? t('dossierActions.title', { action: t(`dossier.action.${action}`), code: d.code }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="lg"
    >
      {action && <ActionForm key={action} dossier={d} action={action} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function ActionForm({ dossier: d, action, onClose, onDone }: Props & { action: Action }) {
  const { t } = useTranslation();
  const act = useDossierAction(d.id);
  const upload = useUploadAttachment(d.id);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [items, setItems] = useState('');
  const [date, setDate] = useState('');
  const [toCommune, setToCommune] = useState('');
  const [assignee, setAssignee] = useState<string | null>(null);
  const [draft, setDraft] = useState<File | null>(null);
  const options = useAssigneeOptions(d.id, NEEDS_ASSIGNEE.includes(action));
  const suggested = options.data?.suggestedAccountId ?? null;
  useEffect(() => {
    // "Who handles this" (the task assignment) preselects the person; the officer can still pick another.
    if (suggested && suggested !== d.assigneeId) setAssignee((a) => a ?? suggested);
  }, [suggested, d.assigneeId]);

  const error = act.error ?? upload.error;
  const conflict = act.error instanceof ApiError && act.error.status === 409;
  const busy = act.isPending || upload.isPending;
  const irreversible = IRREVERSIBLE.includes(action);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    act.reset();
    upload.reset();
    let attachmentId: string | undefined;
    if (draft) {
      try {
        attachmentId = (await upload.mutateAsync({ file: draft, documentIndex: null })).id;
      } catch {
        return; // shown below
      }
    }
    act.mutate(
      {
        action,
        version: d.version,
        reason: NEEDS_REASON.includes(action) ? reason.trim() || undefined : undefined,
        note: note.trim() || undefined,
        items:
          action === 'request_supplement'
            ? items
                .split('\n')
                .map((s) => s.trim())
                .filter(Boolean)
            : undefined,
        newDueDate: NEEDS_DATE.includes(action) ? (parseDate(date) ?? undefined) : undefined,
        toCommuneCode: action === 'transfer' ? toCommune.trim() || undefined : undefined,
        assigneeId: NEEDS_ASSIGNEE.includes(action) ? (assignee ?? undefined) : undefined,
        attachmentId,
      },
      { onSuccess: () => onDone(action) },
    );
  };

  const noteLabel = OPINION.includes(action)
    ? t('dossierActions.opinion')
    : action === 'submit_for_approval'
      ? t('dossierActions.specialistNote')
      : t('dossierActions.note');

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t(`dossier.action.${action}`)} noValidate>
      <Stack gap="sm">
        <Text size="sm" data-testid="action-dossier">
          {t('dossierActions.about', {
            code: d.code,
            procedure: d.procedure.name,
            applicant: d.applicant.fullName,
          })}
        </Text>
        <Text size="sm" fw={500} data-testid="action-consequence">
          {t(`dossierActions.consequence.${action}`)}
        </Text>
        {irreversible && (
          <Alert color={NEGATIVE.includes(action) ? 'red' : 'orange'} p="xs">
            <Text size="sm">{t('dossierActions.irreversible')}</Text>
          </Alert>
        )}
        {NEEDS_ASSIGNEE.includes(action) && (
          <AssigneeField
            options={options.data}
            value={assignee}
            onChange={setAssignee}
            error={fieldError(act.error, 'assigneeId')}
          />
        )}
        {NEEDS_REASON.includes(action) && (
          <Textarea
            label={t('dossier.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            autosize
            minRows={2}
            maxLength={2000}
            error={fieldError(act.error, 'reason')}
            data-autofocus
          />
        )}
        {action === 'request_supplement' && (
          <Textarea
            label={t('dossier.items')}
            value={items}
            onChange={(e) => setItems(e.currentTarget.value)}
            required
            autosize
            minRows={2}
            error={fieldError(act.error, 'items')}
          />
        )}
        {NEEDS_DATE.includes(action) && (
          <TextInput
            label={t('dossier.newDueDate')}
            description={t('common.dateFormatHint')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            required
            error={fieldError(act.error, 'newDueDate')}
          />
        )}
        {action === 'transfer' && (
          <ProvinceCommuneSelect
            communeCode={d.communeCode}
            value={toCommune}
            onChange={setToCommune}
            label={t('dossier.toCommune')}
            error={fieldError(act.error, 'toCommuneCode')}
          />
        )}
        {action === 'submit_for_approval' && (
          <FileInput
            label={t('dossierActions.draft')}
            description={t('dossierActions.draftHint')}
            placeholder={t('dossierActions.draftPlaceholder')}
            value={draft}
            onChange={setDraft}
            accept="application/pdf,image/jpeg,image/png"
            clearable
            error={fieldError(upload.error, 'file') ?? fieldError(act.error, 'attachmentId')}
          />
        )}
        <Textarea
          label={noteLabel}
          description={t('dossierActions.noteHint')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
          error={fieldError(act.error, 'note')}
          data-autofocus={NEEDS_REASON.includes(action) || NEEDS_ASSIGNEE.includes(action) ? undefined : true}
        />
        {conflict ? (
          <Alert color="orange" role="alert" data-testid="conflict">
            {t('dossier.conflict')}
          </Alert>
        ) : (
          error && (
            <FormError
              error={error}
              shown={(f) => FIELDS.some((x) => f === `body.${x}` || f === 'body.file')}
            />
          )
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={busy}
            disabled={conflict}
            color={NEGATIVE.includes(action) ? 'red' : undefined}
            data-testid="action-confirm"
          >
            {t('dossierActions.confirm', { action: t(`dossier.action.${action}`) })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AssigneeField({
  options,
  value,
  onChange,
  error,
}: {
  options: AssigneeChoices | undefined;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  if (!options) return <Loading />;
  const a = options.assignment;
  return (
    <Stack gap={4}>
      <Select
        label={t('dossier.assign.assignee')}
        data={options.candidates.map((c) => ({
          value: c.accountId,
          label: t('dossierActions.option', {
            name: c.official
              ? c.official.position
                ? `${c.official.fullName} (${c.official.position})`
                : c.official.fullName
              : c.displayName,
            count: c.openDossiers,
          }),
        }))}
        value={value}
        onChange={onChange}
        allowDeselect={false}
        searchable
        required
        error={error}
        data-autofocus
        nothingFoundMessage={t('dossier.assign.noSpecialist')}
        data-testid="assignee"
      />
      {a?.inCharge && (
        <Text size="sm" c="dimmed" data-testid="assignment-hint">
          {t('dossier.assign.inCharge', {
            number: a.announcementNumber ?? '',
            person: a.inCharge,
            area: a.areaLabel,
          })}{' '}
          {options.suggestedAccountId
            ? t('dossierActions.suggested')
            : t('dossierActions.noLinkedAccount', { person: a.inCharge })}
        </Text>
      )}
      {options.candidates.length === 0 && (
        <Text size="sm" c="red">
          {t('dossier.assign.noSpecialist')}
        </Text>
      )}
    </Stack>
  );
}
