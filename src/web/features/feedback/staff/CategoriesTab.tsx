import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FEEDBACK_KINDS, type FeedbackKind } from '../../../../common/api/feedback';
import { ApiError } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormError, fieldError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import type { ProvinceFeedbackTabProps } from '../ProvinceFeedbackPage';
import {
  type CategoryInput,
  type FeedbackCategory,
  useCreateCategory,
  useFeedbackCategories,
  useUpdateCategory,
} from '../staff-api';

/**
 * The province's categories (lĩnh vực): names, kind (feedback, denunciation, complaint), the transfer and answer
 * deadlines and whether they count working or calendar days, whether a leader approves the answer, the
 * responsible body, the task assignment's field that names the default handler, active, order.
 */
export function CategoriesTab({ provinceCode, canEdit }: ProvinceFeedbackTabProps) {
  const { t, i18n } = useTranslation();
  const categories = useFeedbackCategories(provinceCode);
  const [editing, setEditing] = useState<FeedbackCategory | 'new' | null>(null);
  if (categories.isPending) return <Loading />;
  if (categories.isError)
    return <ErrorAlert error={categories.error} onRetry={() => void categories.refetch()} />;
  const en = i18n.language === 'en';
  const rows = [...categories.data].sort((a, b) => a.sortOrder - b.sortOrder);
  return (
    <Stack gap="md">
      {canEdit && (
        <Button w="fit-content" onClick={() => setEditing('new')} data-testid="category-add">
          {t('feedbackStaff.categories.add')}
        </Button>
      )}
      <Table.ScrollContainer minWidth={960}>
        <Table striped highlightOnHover data-testid="categories">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('feedbackStaff.categories.order')}</Table.Th>
              <Table.Th scope="col">{t('feedbackStaff.categories.name')}</Table.Th>
              <Table.Th scope="col">{t('feedbackStaff.categories.kind')}</Table.Th>
              <Table.Th scope="col">{t('feedbackStaff.categories.days')}</Table.Th>
              <Table.Th scope="col">{t('feedbackStaff.categories.approval')}</Table.Th>
              <Table.Th scope="col">{t('feedbackStaff.categories.body')}</Table.Th>
              <Table.Th scope="col">{t('feedbackStaff.categories.field')}</Table.Th>
              {canEdit && <Table.Th scope="col">{t('feedbackStaff.categories.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id} data-testid="category-row" data-key={c.key} opacity={c.active ? 1 : 0.6}>
                <Table.Td>{c.sortOrder}</Table.Td>
                <Table.Th scope="row" fw={400}>
                  <Text size="sm" fw={500}>
                    {en ? c.nameEn : c.nameVi}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {en ? c.nameVi : c.nameEn} · {c.key}
                  </Text>
                  {!c.active && (
                    <Badge size="xs" color="gray">
                      {t('feedbackStaff.categories.inactive')}
                    </Badge>
                  )}
                </Table.Th>
                <Table.Td>{t(`feedbackStaff.kind.${c.kind}`)}</Table.Td>
                <Table.Td data-testid="category-days">
                  {t('feedbackStaff.categories.daysValue', {
                    transfer: c.transferDays,
                    answer: c.answerDays,
                    kind: t(`feedbackStaff.daysKind.${c.daysKind}`),
                  })}
                </Table.Td>
                <Table.Td>
                  {c.approvalRequired ? t('feedbackStaff.categories.yes') : t('feedbackStaff.categories.no')}
                </Table.Td>
                <Table.Td>{c.responsibleBody ?? '—'}</Table.Td>
                <Table.Td>{c.assignmentField ?? '—'}</Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setEditing(c)}
                      aria-label={t('feedbackStaff.categories.editOne', { name: c.nameVi })}
                      data-testid="category-edit"
                    >
                      {t('feedbackStaff.categories.edit')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Drawer
        opened={editing !== null}
        onClose={() => setEditing(null)}
        position="right"
        size="lg"
        title={
          editing === 'new'
            ? t('feedbackStaff.categories.add')
            : t('feedbackStaff.categories.editOne', { name: editing?.nameVi ?? '' })
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing && (
          <CategoryForm
            key={editing === 'new' ? 'new' : `${editing.id}:${editing.version}`}
            provinceCode={provinceCode}
            category={editing === 'new' ? null : editing}
            nextOrder={Math.max(0, ...rows.map((r) => r.sortOrder)) + 10}
            onDone={() => setEditing(null)}
          />
        )}
      </Drawer>
    </Stack>
  );
}

const FIELDS = [
  'key',
  'nameVi',
  'nameEn',
  'descriptionVi',
  'descriptionEn',
  'kind',
  'daysKind',
  'transferDays',
  'answerDays',
  'responsibleBody',
  'assignmentField',
  'sortOrder',
];

function CategoryForm({
  provinceCode,
  category: c,
  nextOrder,
  onDone,
}: {
  provinceCode: string;
  category: FeedbackCategory | null;
  nextOrder: number;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateCategory(provinceCode);
  const update = useUpdateCategory(provinceCode);
  const [v, setV] = useState<CategoryInput>({
    key: c?.key ?? '',
    nameVi: c?.nameVi ?? '',
    nameEn: c?.nameEn ?? '',
    descriptionVi: c?.descriptionVi ?? '',
    descriptionEn: c?.descriptionEn ?? '',
    kind: c?.kind ?? 'feedback',
    daysKind: c?.daysKind ?? 'working',
    transferDays: c?.transferDays ?? 5,
    answerDays: c?.answerDays ?? 10,
    approvalRequired: c?.approvalRequired ?? false,
    responsibleBody: c?.responsibleBody ?? '',
    assignmentField: c?.assignmentField ?? '',
    active: c?.active ?? true,
    sortOrder: c?.sortOrder ?? nextOrder,
  });
  const set = <K extends keyof CategoryInput>(k: K, value: CategoryInput[K]) =>
    setV((old) => ({ ...old, [k]: value }));
  const mutation = c ? update : create;
  const error = mutation.error;
  const conflict = error instanceof ApiError && error.status === 409 && !!c;
  const err = (f: string) => fieldError(error, f);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      ...v,
      key: v.key.trim(),
      nameVi: v.nameVi.trim(),
      nameEn: v.nameEn.trim(),
      descriptionVi: v.descriptionVi?.trim() || null,
      descriptionEn: v.descriptionEn?.trim() || null,
      responsibleBody: v.responsibleBody?.trim() || null,
      assignmentField: v.assignmentField?.trim() || null,
    };
    if (c) {
      const { key: _key, ...changes } = body;
      update.mutate({ id: c.id, version: c.version, ...changes }, { onSuccess: onDone });
    } else create.mutate(body, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} aria-label={t('feedbackStaff.categories.form')} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('feedbackStaff.categories.key')}
          description={c ? t('feedbackStaff.categories.keyFixed') : t('feedbackStaff.categories.keyHint')}
          value={v.key}
          onChange={(e) => set('key', e.currentTarget.value)}
          disabled={!!c}
          required
          maxLength={40}
          error={err('key')}
          data-testid="category-key"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('feedbackStaff.categories.nameVi')}
            value={v.nameVi}
            onChange={(e) => set('nameVi', e.currentTarget.value)}
            required
            maxLength={200}
            error={err('nameVi')}
            data-testid="category-name-vi"
          />
          <TextInput
            label={t('feedbackStaff.categories.nameEn')}
            value={v.nameEn}
            onChange={(e) => set('nameEn', e.currentTarget.value)}
            required
            maxLength={200}
            error={err('nameEn')}
            data-testid="category-name-en"
          />
          <Textarea
            label={t('feedbackStaff.categories.descriptionVi')}
            value={v.descriptionVi ?? ''}
            onChange={(e) => set('descriptionVi', e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            error={err('descriptionVi')}
          />
          <Textarea
            label={t('feedbackStaff.categories.descriptionEn')}
            value={v.descriptionEn ?? ''}
            onChange={(e) => set('descriptionEn', e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            error={err('descriptionEn')}
          />
          <Select
            label={t('feedbackStaff.categories.kind')}
            data={FEEDBACK_KINDS.map((k) => ({ value: k, label: t(`feedbackStaff.kind.${k}`) }))}
            value={v.kind}
            onChange={(k) => k && set('kind', k as FeedbackKind)}
            allowDeselect={false}
            error={err('kind')}
          />
          <Select
            label={t('feedbackStaff.categories.daysKind')}
            data={(['working', 'calendar'] as const).map((k) => ({
              value: k,
              label: t(`feedbackStaff.daysKind.${k}`),
            }))}
            value={v.daysKind}
            onChange={(k) => set('daysKind', k === 'calendar' ? 'calendar' : 'working')}
            allowDeselect={false}
            error={err('daysKind')}
            data-testid="category-days-kind"
          />
          <NumberInput
            label={t('feedbackStaff.categories.transferDays')}
            value={v.transferDays}
            onChange={(n) => set('transferDays', Number(n) || 0)}
            min={1}
            max={90}
            allowDecimal={false}
            required
            error={err('transferDays')}
            data-testid="category-transfer-days"
          />
          <NumberInput
            label={t('feedbackStaff.categories.answerDays')}
            value={v.answerDays}
            onChange={(n) => set('answerDays', Number(n) || 0)}
            min={1}
            max={90}
            allowDecimal={false}
            required
            error={err('answerDays')}
            data-testid="category-answer-days"
          />
          <TextInput
            label={t('feedbackStaff.categories.body')}
            description={t('feedbackStaff.categories.bodyHint')}
            value={v.responsibleBody ?? ''}
            onChange={(e) => set('responsibleBody', e.currentTarget.value)}
            maxLength={200}
            error={err('responsibleBody')}
          />
          <TextInput
            label={t('feedbackStaff.categories.field')}
            description={t('feedbackStaff.categories.fieldHint')}
            value={v.assignmentField ?? ''}
            onChange={(e) => set('assignmentField', e.currentTarget.value)}
            maxLength={200}
            error={err('assignmentField')}
          />
          <NumberInput
            label={t('feedbackStaff.categories.order')}
            value={v.sortOrder}
            onChange={(n) => set('sortOrder', Number(n) || 0)}
            min={0}
            max={100000}
            allowDecimal={false}
            error={err('sortOrder')}
          />
        </SimpleGrid>
        <Switch
          label={t('feedbackStaff.categories.approvalLabel')}
          checked={v.approvalRequired}
          onChange={(e) => set('approvalRequired', e.currentTarget.checked)}
          data-testid="category-approval"
        />
        <Switch
          label={t('feedbackStaff.categories.activeLabel')}
          checked={v.active ?? true}
          onChange={(e) => set('active', e.currentTarget.checked)}
          data-testid="category-active"
        />
        {conflict ? (
          <Alert color="orange" role="alert" data-testid="conflict">
            <Stack gap="xs">
              <Text size="sm">{t('feedbackStaff.conflict')}</Text>
              <Button size="xs" variant="white" color="orange" w="fit-content" onClick={onDone}>
                {t('feedbackStaff.reload')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          error && <FormError error={error} shown={(f) => FIELDS.some((x) => f === `body.${x}`)} />
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={conflict} data-testid="category-save">
            {t('feedbackStaff.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
