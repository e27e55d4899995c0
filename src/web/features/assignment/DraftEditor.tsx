import {
  Alert,
  Button,
  Fieldset,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Announcement, STANDARD_AREAS } from '../../../common/api/org';
import { foldVietnamese } from '../../../common/text';
import { ApiError } from '../../api/client';
import { FormError } from '../../components/FormError';
import { foldedFilter } from '../../lib/foldedFilter';
import { useActiveOfficials } from '../org/api';
import { OfficialSelect, type PersonOption, toPersonOption } from '../org/OfficialSelect';
import { type DraftInput, useIssueAnnouncement, useUpdateDraft } from './api';
import { IssueDialog } from './IssueDialog';

interface EditItem {
  key: number;
  areaCode: string;
  label: string;
  inChargeId: string | null;
  deputyId: string | null;
  duties: string;
}

const OTHER = '__other';

function fromAnnouncement(a: Announcement): EditItem[] {
  return a.items.map((i, key) => ({
    key,
    areaCode: i.areaCode,
    label: i.label,
    inChargeId: i.inCharge?.id ?? null,
    deputyId: i.deputy?.id ?? null,
    duties: i.duties,
  }));
}

/** The draft as the API takes it (what "Lưu" sends, and what is compared to know whether anything changed). */
function toInput(title: string, preamble: string, items: EditItem[], recipients: string): DraftInput {
  return {
    title: title.trim(),
    preamble: preamble.trim(),
    items: items.map((i) => ({
      areaCode: i.areaCode,
      label: i.label.trim(),
      inChargeId: i.inChargeId,
      deputyId: i.deputyId,
      duties: i.duties.trim(),
    })),
    recipients: recipients
      .split('\n')
      .map((r) => r.trim())
      .filter(Boolean),
  };
}

/** A code for an area the commune names itself: "khac_" and the name without diacritics. */
function customCode(label: string, taken: string[]): string {
  const base = `khac_${foldVietnamese(label)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')}`.slice(0, 50);
  let code = base;
  for (let n = 2; taken.includes(code); n++) code = `${base}_${n}`;
  return code;
}

/** The message the server gave for item i's field, on saving ('body.items') or on issuing ('draft.items'). */
function itemError(errors: unknown[], i: number, field: string): string | undefined {
  for (const error of errors) {
    if (!(error instanceof ApiError)) continue;
    const hit = error.errors.find(
      (e) => e.field === `body.items.${i}.${field}` || e.field === `draft.items.${i}.${field}`,
    );
    if (hit) return hit.message;
  }
  return undefined;
}

const isItemField = (f: string) =>
  /^(body|draft)\.items\.\d+\.(label|inChargeId|deputyId|duties|areaCode)$/.test(f);

/** Editing a draft announcement: its areas, who is in charge and who deputises, then "Ban hành". */
export function DraftEditor({ announcement: a }: { announcement: Announcement }) {
  const { t } = useTranslation();
  const officials = useActiveOfficials(a.communeCode);
  const update = useUpdateDraft(a.id);
  const issue = useIssueAnnouncement(a.id);
  const [title, setTitle] = useState(a.title);
  const [preamble, setPreamble] = useState(a.preamble);
  const [items, setItems] = useState<EditItem[]>(() => fromAnnouncement(a));
  const [recipients, setRecipients] = useState(a.recipients.join('\n'));
  const [adding, setAdding] = useState<string | null>(null);
  const [otherLabel, setOtherLabel] = useState('');

  const input = toInput(title, preamble, items, recipients);
  const saved = toInput(a.title, a.preamble, fromAnnouncement(a), a.recipients.join('\n'));
  const dirty = JSON.stringify(input) !== JSON.stringify(saved);

  const people: PersonOption[] = (officials.data?.items ?? []).map(toPersonOption);
  for (const i of a.items)
    for (const p of [i.inCharge, i.deputy])
      if (p && !people.some((x) => x.id === p.id))
        people.push({ id: p.id, fullName: p.fullName, titles: [] });

  // The server names problems by position: once areas are added or removed, old messages would land wrong.
  const reshaped = () => {
    update.reset();
    issue.reset();
  };
  const change = (key: number, patch: Partial<EditItem>) =>
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const nextKey = () => Math.max(-1, ...items.map((i) => i.key)) + 1;
  const used = items.map((i) => i.areaCode);
  const addArea = () => {
    if (!adding) return;
    if (adding === OTHER) {
      const label = otherLabel.trim();
      if (label.length < 2) return;
      setItems((all) => [
        ...all,
        {
          key: nextKey(),
          areaCode: customCode(label, used),
          label,
          inChargeId: null,
          deputyId: null,
          duties: '',
        },
      ]);
      setOtherLabel('');
    } else {
      const area = STANDARD_AREAS.find((s) => s.code === adding);
      if (!area) return;
      setItems((all) => [
        ...all,
        {
          key: nextKey(),
          areaCode: area.code,
          label: area.label,
          inChargeId: null,
          deputyId: null,
          duties: '',
        },
      ]);
    }
    setAdding(null);
    reshaped();
  };
  const save = () => update.mutateAsync(input);
  const errors = [update.error, issue.error];

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('assign.draftIntro')}
      </Text>
      <Paper withBorder p="lg">
        <Stack gap="sm">
          <TextInput
            label={t('assign.titleLabel')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            maxLength={300}
            required
          />
          <Textarea
            label={t('assign.preamble')}
            value={preamble}
            onChange={(e) => setPreamble(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={5000}
          />
        </Stack>
      </Paper>

      <Title order={2} size="h3">
        {t('assign.areas')}
      </Title>
      {items.length === 0 && <Alert color="gray">{t('assign.noItems')}</Alert>}
      {items.map((item, i) => (
        <Fieldset
          key={item.key}
          legend={`${i + 1}. ${item.label || t('assign.area')}`}
          data-testid={`edit-item-${item.areaCode}`}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('assign.areaName')}
              value={item.label}
              onChange={(e) => change(item.key, { label: e.currentTarget.value })}
              maxLength={200}
              error={itemError(errors, i, 'label') ?? itemError(errors, i, 'areaCode')}
            />
            <Textarea
              label={t('assign.duties')}
              value={item.duties}
              onChange={(e) => change(item.key, { duties: e.currentTarget.value })}
              autosize
              minRows={1}
              maxLength={2000}
              error={itemError(errors, i, 'duties')}
            />
            <OfficialSelect
              label={t('assign.inCharge')}
              people={people}
              value={item.inChargeId}
              onChange={(id) => change(item.key, { inChargeId: id })}
              required
              error={itemError(errors, i, 'inChargeId')}
              data-testid="in-charge"
            />
            <OfficialSelect
              label={t('assign.deputy')}
              people={people}
              value={item.deputyId}
              onChange={(id) => change(item.key, { deputyId: id })}
              clearable
              error={itemError(errors, i, 'deputyId')}
              data-testid="deputy"
            />
          </SimpleGrid>
          <Button
            variant="subtle"
            color="red"
            size="xs"
            mt="sm"
            onClick={() => {
              setItems((all) => all.filter((x) => x.key !== item.key));
              reshaped();
            }}
          >
            {t('assign.removeArea', { area: item.label || item.areaCode })}
          </Button>
        </Fieldset>
      ))}

      <Paper withBorder p="md">
        <Group align="flex-end" gap="sm">
          <Select
            label={t('assign.addArea')}
            data={[
              ...STANDARD_AREAS.filter((s) => !used.includes(s.code)).map((s) => ({
                value: s.code,
                label: s.label,
              })),
              { value: OTHER, label: t('assign.otherArea') },
            ]}
            value={adding}
            onChange={setAdding}
            searchable
            filter={foldedFilter}
            style={{ flex: '1 1 16rem' }}
          />
          {adding === OTHER && (
            <TextInput
              label={t('assign.otherAreaName')}
              value={otherLabel}
              onChange={(e) => setOtherLabel(e.currentTarget.value)}
              maxLength={200}
              style={{ flex: '1 1 16rem' }}
            />
          )}
          <Button variant="default" onClick={addArea} disabled={!adding}>
            {t('assign.addAreaButton')}
          </Button>
        </Group>
      </Paper>

      <Textarea
        label={t('assign.recipients')}
        description={t('assign.recipientsHint')}
        value={recipients}
        onChange={(e) => setRecipients(e.currentTarget.value)}
        autosize
        minRows={3}
      />

      {update.isError && <FormError error={update.error} shown={(f) => isItemField(f) && items.length > 0} />}
      {update.isSuccess && !dirty && (
        <Alert color="green" role="status">
          {t('common.saved')}
        </Alert>
      )}
      <Group>
        <Button
          variant="default"
          onClick={() => void save().catch(() => undefined)}
          loading={update.isPending}
          disabled={!dirty}
        >
          {t('assign.saveDraft')}
        </Button>
        <IssueDialog
          announcement={a}
          itemLabels={items.map((i) => i.label)}
          people={people}
          dirty={dirty}
          save={save}
          update={update}
          issue={issue}
        />
      </Group>
    </Stack>
  );
}
