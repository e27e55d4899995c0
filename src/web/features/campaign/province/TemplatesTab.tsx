import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AUTO_CHECKS,
  type AutoCheck,
  ITEM_GROUPS,
  type ItemGroup,
  type ReadinessTemplate,
  type TemplateItem,
} from '../../../../common/api/campaign-readiness';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { LocalizedDates } from '../../../components/LocalizedDates';
import { formatDate } from '../../../lib/dates';
import { formatDateTime } from '../../../lib/datetime';
import { DateField } from '../../calendar/DateField';
import type { ProvinceTabProps } from '../ProvinceCampaignPage';
import { useTemplateActions, useTemplates } from '../readiness-api';

type DraftItem = Omit<TemplateItem, 'sortOrder' | 'itemKey'> & { itemKey?: string; tempId: string };
let tempCounter = 0;

/** The province's checklist versions: the published one, the draft editor, publishing, the superseded ones. */
export function TemplatesTab({ provinceCode }: ProvinceTabProps) {
  const { t } = useTranslation();
  const q = useTemplates(provinceCode);
  const actions = useTemplateActions(provinceCode);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const versions = q.data.items;
  const draft = versions.find((v) => v.status === 'draft');
  const published = versions.find((v) => v.status === 'published');
  return (
    <Stack>
      {!draft && (
        <Group>
          {published && (
            <Button loading={actions.create.isPending} onClick={() => actions.create.mutate('published')}>
              {t('campaignReadiness.templates.newVersion')}
            </Button>
          )}
          <Button
            variant={published ? 'default' : 'filled'}
            loading={actions.create.isPending}
            onClick={() => actions.create.mutate('starter')}
            data-testid="templates-starter"
          >
            {t('campaignReadiness.templates.fromStarter')}
          </Button>
          <Button
            variant="subtle"
            loading={actions.create.isPending}
            onClick={() => actions.create.mutate('empty')}
          >
            {t('campaignReadiness.templates.empty')}
          </Button>
        </Group>
      )}
      {actions.create.isError && <ErrorAlert error={actions.create.error} />}
      {draft && <DraftEditor key={draft.id} draft={draft} provinceCode={provinceCode} />}
      {!published && !draft && <Alert color="yellow">{t('campaignReadiness.templates.nonePublished')}</Alert>}
      <Card withBorder>
        <Title order={5} mb="xs">
          {t('campaignReadiness.templates.versions')}
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('campaignReadiness.templates.version')}</Table.Th>
              <Table.Th>{t('campaignReadiness.templates.titleLabel')}</Table.Th>
              <Table.Th>{t('campaignReadiness.templates.state')}</Table.Th>
              <Table.Th>{t('campaignReadiness.templates.items')}</Table.Th>
              <Table.Th>{t('campaignReadiness.templates.publishedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{v.version}</Table.Td>
                <Table.Td>{v.title}</Table.Td>
                <Table.Td>
                  <Badge
                    color={v.status === 'published' ? 'green' : v.status === 'draft' ? 'yellow' : 'gray'}
                  >
                    {t(`campaignReadiness.templates.status.${v.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{v.items.length}</Table.Td>
                <Table.Td>
                  {v.publishedAt ? `${formatDateTime(v.publishedAt)} · ${v.publishedBy ?? ''}` : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {published && (
        <Card withBorder>
          <Title order={5} mb="xs">
            {t('campaignReadiness.templates.current', { version: published.version })}
          </Title>
          <Table>
            <Table.Tbody>
              {published.items.map((i) => (
                <Table.Tr key={i.itemKey}>
                  <Table.Td>{t(`campaignReadiness.group.${i.groupKey}`)}</Table.Td>
                  <Table.Td>
                    {i.title}
                    {i.autoCheck && (
                      <Text size="xs" c="dimmed">
                        {t('campaignReadiness.autoChecked')}: {t(`campaignReadiness.auto.${i.autoCheck}`)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{i.weight}</Table.Td>
                  <Table.Td>{i.blocker ? t('campaignReadiness.blocker') : ''}</Table.Td>
                  <Table.Td>{i.dueDate ? formatDate(i.dueDate) : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}

const toDraft = (i: TemplateItem): DraftItem => {
  const { sortOrder: _s, ...rest } = i;
  return { ...rest, tempId: i.itemKey };
};

function DraftEditor({ draft, provinceCode }: { draft: ReadinessTemplate; provinceCode: string }) {
  const { t } = useTranslation();
  const actions = useTemplateActions(provinceCode);
  const [title, setTitle] = useState(draft.title);
  const [items, setItems] = useState<DraftItem[]>(draft.items.map(toDraft));
  const [dirty, setDirty] = useState(false);
  const [confirming, confirm] = useDisclosure(false);
  useEffect(() => {
    setTitle(draft.title);
    setItems(draft.items.map(toDraft));
    setDirty(false);
  }, [draft]);
  const change = (tempId: string, patch: Partial<DraftItem>) => {
    setItems((old) => old.map((i) => (i.tempId === tempId ? { ...i, ...patch } : i)));
    setDirty(true);
  };
  const add = () => {
    tempCounter += 1;
    setItems((old) => [
      ...old,
      {
        tempId: `new-${tempCounter}`,
        groupKey: 'other',
        title: '',
        description: null,
        weight: 5,
        owner: null,
        dueDate: null,
        blocker: false,
        autoCheck: null,
      },
    ]);
    setDirty(true);
  };
  const totalWeight = items.reduce((s, i) => s + (Number(i.weight) || 0), 0);
  const saveBody = () => ({
    title,
    version: draft.editVersion,
    items: items.map(({ tempId: _t, ...i }) => ({
      ...i,
      description: i.description || null,
      owner: i.owner || null,
    })),
  });
  const error = actions.save.error ?? actions.publish.error ?? actions.discard.error;
  return (
    <Card withBorder data-testid="template-draft">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>{t('campaignReadiness.templates.draftTitle', { version: draft.version })}</Title>
          <Text size="sm" c="dimmed">
            {t('campaignReadiness.templates.totalWeight', { weight: totalWeight })}
          </Text>
        </Group>
        <TextInput
          label={t('campaignReadiness.templates.titleLabel')}
          value={title}
          onChange={(e) => {
            setTitle(e.currentTarget.value);
            setDirty(true);
          }}
          maxLength={300}
        />
        <Text size="xs" c="dimmed">
          {t('campaignReadiness.templates.keysHint')}
        </Text>
        <LocalizedDates>
          <Stack gap="xs">
            {items.map((i, n) => (
              <Card key={i.tempId} withBorder padding="xs">
                <Group align="flex-start" wrap="wrap" gap="xs">
                  <Select
                    label={t('campaignReadiness.templates.group')}
                    data={ITEM_GROUPS.map((g) => ({ value: g, label: t(`campaignReadiness.group.${g}`) }))}
                    value={i.groupKey}
                    onChange={(v) => v && change(i.tempId, { groupKey: v as ItemGroup })}
                    allowDeselect={false}
                    w={200}
                  />
                  <TextInput
                    label={t('campaignReadiness.templates.itemTitle')}
                    value={i.title}
                    onChange={(e) => change(i.tempId, { title: e.currentTarget.value })}
                    maxLength={300}
                    style={{ flex: 1, minWidth: 260 }}
                    data-testid={`template-item-title-${n}`}
                  />
                  <NumberInput
                    label={t('campaignReadiness.templates.weight')}
                    value={i.weight}
                    onChange={(v) => change(i.tempId, { weight: Number(v) || 0 })}
                    min={0}
                    max={100}
                    allowDecimal={false}
                    w={100}
                  />
                </Group>
                <Group align="flex-start" wrap="wrap" gap="xs" mt="xs">
                  <TextInput
                    label={t('campaignReadiness.templates.owner')}
                    value={i.owner ?? ''}
                    onChange={(e) => change(i.tempId, { owner: e.currentTarget.value })}
                    maxLength={200}
                    w={240}
                  />
                  <DateField
                    label={t('campaignReadiness.templates.due')}
                    value={i.dueDate}
                    onChange={(v) => change(i.tempId, { dueDate: v })}
                    clearable
                    w={160}
                  />
                  <Select
                    label={t('campaignReadiness.templates.autoCheck')}
                    data={AUTO_CHECKS.map((a) => ({ value: a, label: t(`campaignReadiness.auto.${a}`) }))}
                    value={i.autoCheck}
                    onChange={(v) => change(i.tempId, { autoCheck: (v as AutoCheck | null) ?? null })}
                    clearable
                    placeholder={t('campaignReadiness.templates.byHand')}
                    w={240}
                  />
                  <Checkbox
                    mt={28}
                    label={t('campaignReadiness.blocker')}
                    checked={i.blocker}
                    onChange={(e) => change(i.tempId, { blocker: e.currentTarget.checked })}
                  />
                  <Button
                    mt={22}
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => {
                      setItems((old) => old.filter((x) => x.tempId !== i.tempId));
                      setDirty(true);
                    }}
                  >
                    {t('campaignReadiness.templates.removeItem')}
                  </Button>
                </Group>
                <Textarea
                  mt="xs"
                  label={t('campaignReadiness.templates.description')}
                  value={i.description ?? ''}
                  onChange={(e) => change(i.tempId, { description: e.currentTarget.value })}
                  maxLength={2000}
                  autosize
                  minRows={1}
                />
              </Card>
            ))}
          </Stack>
        </LocalizedDates>
        <Group>
          <Button variant="default" onClick={add}>
            {t('campaignReadiness.templates.addItem')}
          </Button>
          <Button
            loading={actions.save.isPending}
            disabled={!dirty}
            onClick={() => actions.save.mutate({ id: draft.id, body: saveBody() })}
            data-testid="template-save"
          >
            {t('campaignReadiness.templates.saveDraft')}
          </Button>
          <Button color="green" disabled={dirty} onClick={confirm.open} data-testid="template-publish">
            {t('campaignReadiness.templates.publish')}
          </Button>
          <Button
            variant="subtle"
            color="red"
            loading={actions.discard.isPending}
            onClick={() => actions.discard.mutate(draft.id)}
          >
            {t('campaignReadiness.templates.discard')}
          </Button>
        </Group>
        {dirty && (
          <Text size="xs" c="orange">
            {t('campaignReadiness.templates.unsaved')}
          </Text>
        )}
        {error && (
          <FormError
            error={error}
            shown={() => false}
            about={(f) =>
              aboutField(f, items, (n, title) => String(t('campaignReadiness.templates.itemN', { n, title })))
            }
          />
        )}
      </Stack>
      <Modal
        opened={confirming}
        onClose={confirm.close}
        title={t('campaignReadiness.templates.confirmTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="xs">
          <Text size="sm">{t('campaignReadiness.templates.confirmText', { version: draft.version })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="green"
              loading={actions.publish.isPending}
              data-testid="template-publish-confirm"
              onClick={() => actions.publish.mutate(draft.id, { onSettled: confirm.close })}
            >
              {t('campaignReadiness.templates.publish')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

/** "body.items.2.title" → "Mục 3 (Mạng nội bộ)". */
function aboutField(field: string, items: DraftItem[], label: (n: number, title: string) => string) {
  const m = /^body\.items\.(\d+)/.exec(field);
  if (!m) return undefined;
  const n = Number(m[1]);
  return label(n + 1, items[n]?.title ?? '');
}
