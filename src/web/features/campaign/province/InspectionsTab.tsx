import {
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  Paper,
  Progress,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_PERMISSIONS } from '../../../../common/permissions';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormError, fieldError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { formatDate } from '../../../lib/dates';
import { formatDateTime } from '../../../lib/datetime';
import { useSession } from '../../auth/session';
import { DateField } from '../../calendar/DateField';
import { DirectiveStatus } from '../commune/DirectivesTab';
import type { ProvinceTabProps } from '../ProvinceCampaignPage';
import { type Inspection, useInspections, useInspectionWrite } from '../recs-api';
import { useProvinceCommunes } from '../trials-api';

const STATUS_COLOR = { planned: 'blue', done: 'teal', cancelled: 'gray' } as const;

/** Đoàn kiểm tra: plan one (team, communes), record findings per commune, give directives and follow them to done. */
export function InspectionsTab({ provinceCode }: ProvinceTabProps) {
  const { t } = useTranslation();
  const user = useSession().data;
  const canManage = !!user?.roles.some(
    (g) =>
      !g.communeCode &&
      (g.role === 'system_admin' ||
        (g.provinceCode === provinceCode && ROLE_PERMISSIONS[g.role]?.includes('campaign.province'))),
  );
  const list = useInspections(provinceCode);
  const [showForm, setShowForm] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const items = (list.data?.items ?? []).filter((i) => !status || i.status === status);
  return (
    <Stack data-testid="inspections-tab">
      <Group justify="space-between">
        <Select
          placeholder={t('campaignRecs.filters.status')}
          aria-label={t('campaignRecs.filters.status')}
          data={(['planned', 'done', 'cancelled'] as const).map((s) => ({
            value: s,
            label: t(`campaignRecs.inspections.status.${s}`),
          }))}
          value={status}
          onChange={setStatus}
          clearable
        />
        {canManage ? (
          <Button onClick={() => setShowForm((v) => !v)} data-testid="inspection-new">
            {t('campaignRecs.inspections.new')}
          </Button>
        ) : null}
      </Group>
      {showForm ? <PlanForm provinceCode={provinceCode} onDone={() => setShowForm(false)} /> : null}
      {list.isPending ? <Loading /> : null}
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data && items.length === 0 ? <Text c="dimmed">{t('campaignRecs.inspections.empty')}</Text> : null}
      {items.map((i) => (
        <InspectionCard key={i.id} insp={i} provinceCode={provinceCode} canManage={canManage} />
      ))}
    </Stack>
  );
}

function PlanForm({ provinceCode, onDone }: { provinceCode: string; onDone: () => void }) {
  const { t } = useTranslation();
  const write = useInspectionWrite(provinceCode);
  const communes = useProvinceCommunes(provinceCode);
  const [title, setTitle] = useState('');
  const [plannedDate, setPlannedDate] = useState<string | null>(null);
  const [lead, setLead] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const [codes, setCodes] = useState<string[]>([]);
  const err = write.error;
  const shown = (f: string) =>
    ['body.title', 'body.plannedDate', 'body.team.lead', 'body.communeCodes'].some(
      (x) => f === x || f.startsWith(`${x}.`),
    );
  return (
    <Paper withBorder p="md" data-testid="inspection-form">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          write.mutate(
            {
              kind: 'create',
              body: { title, plannedDate: plannedDate ?? '', team: { lead, members }, communeCodes: codes },
            },
            { onSuccess: onDone },
          );
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('campaignRecs.inspections.title')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
            error={fieldError(err, 'title')}
            data-testid="inspection-title"
          />
          <DateField
            label={t('campaignRecs.inspections.plannedDate')}
            value={plannedDate}
            onChange={setPlannedDate}
            required
            error={fieldError(err, 'plannedDate')}
          />
          <TextInput
            label={t('campaignRecs.inspections.lead')}
            value={lead}
            onChange={(e) => setLead(e.currentTarget.value)}
            required
            error={fieldError(err, 'team.lead')}
          />
          <TagsInput
            label={t('campaignRecs.inspections.members')}
            description={t('campaignRecs.inspections.membersHint')}
            value={members}
            onChange={setMembers}
          />
          <MultiSelect
            label={t('campaignRecs.inspections.communes')}
            data={(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
            value={codes}
            onChange={setCodes}
            searchable
            required
            error={err && (fieldError(err, 'communeCodes') ?? fieldErrorPrefix(err, 'body.communeCodes'))}
            data-testid="inspection-communes"
          />
          {err ? <FormError error={err} shown={shown} /> : null}
          <Group>
            <Button type="submit" loading={write.isPending} data-testid="inspection-create">
              {t('campaignRecs.inspections.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The message of the first problem field under `prefix` (e.g. one commune of the list). */
function fieldErrorPrefix(error: unknown, prefix: string): string | undefined {
  const errors = (error as { errors?: { field: string; message: string }[] } | null)?.errors ?? [];
  return errors.find((e) => e.field.startsWith(prefix))?.message;
}

function InspectionCard({
  insp,
  provinceCode,
  canManage,
}: {
  insp: Inspection;
  provinceCode: string;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const write = useInspectionWrite(provinceCode);
  const { progress } = insp;
  const editable = canManage && insp.status !== 'cancelled';
  return (
    <Card withBorder data-testid="inspection">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={5}>{insp.title}</Title>
            <Text size="sm" c="dimmed">
              {formatDate(insp.plannedDate)} · {t('campaignRecs.inspections.lead')}: {insp.team.lead}
              {insp.team.members.length ? ` · ${insp.team.members.join(', ')}` : ''}
            </Text>
          </div>
          <Group gap="xs">
            <Badge color={STATUS_COLOR[insp.status]}>
              {t(`campaignRecs.inspections.status.${insp.status}`)}
            </Badge>
            {canManage && insp.status === 'planned' ? (
              <>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() =>
                    write.mutate({
                      kind: 'change',
                      id: insp.id,
                      body: { version: insp.version, status: 'done' },
                    })
                  }
                  data-testid="inspection-finish"
                >
                  {t('campaignRecs.inspections.finish')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="gray"
                  onClick={() =>
                    write.mutate({
                      kind: 'change',
                      id: insp.id,
                      body: { version: insp.version, status: 'cancelled' },
                    })
                  }
                >
                  {t('campaignRecs.inspections.cancel')}
                </Button>
              </>
            ) : null}
          </Group>
        </Group>
        {write.error ? <ErrorAlert error={write.error} /> : null}
        {progress.total > 0 ? (
          <Group gap="xs">
            <Text size="sm">
              {t('campaignRecs.inspections.progress', { done: progress.done, total: progress.total })}
            </Text>
            <Progress value={(progress.done / progress.total) * 100} w={160} />
            {progress.overdue > 0 ? (
              <Badge color="red">
                {t('campaignRecs.inspections.overdueDirectives', { n: progress.overdue })}
              </Badge>
            ) : null}
          </Group>
        ) : null}
        {insp.visits.map((v) => (
          <VisitBlock
            key={v.communeCode}
            insp={insp}
            visit={v}
            provinceCode={provinceCode}
            editable={editable}
          />
        ))}
      </Stack>
    </Card>
  );
}

function VisitBlock({
  insp,
  visit,
  provinceCode,
  editable,
}: {
  insp: Inspection;
  visit: Inspection['visits'][number];
  provinceCode: string;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const write = useInspectionWrite(provinceCode);
  const dir = useInspectionWrite(provinceCode);
  const [editing, setEditing] = useState(false);
  const [findings, setFindings] = useState(visit.findings ?? '');
  const [visitedAt, setVisitedAt] = useState(visit.visitedAt ? toLocalInput(visit.visitedAt) : '');
  const [adding, setAdding] = useState(false);
  const [content, setContent] = useState('');
  const [due, setDue] = useState<string | null>(null);
  const directives = insp.directives.filter((d) => d.communeCode === visit.communeCode);
  return (
    <Paper withBorder p="sm" data-testid="inspection-visit">
      <Stack gap={6}>
        <Group justify="space-between">
          <Text fw={600}>{visit.communeName ?? visit.communeCode}</Text>
          <Text size="sm" c="dimmed">
            {visit.visitedAt ? formatDateTime(visit.visitedAt) : t('campaignRecs.inspections.notVisited')}
          </Text>
        </Group>
        {editing ? (
          <Stack gap="xs">
            <TextInput
              type="datetime-local"
              label={t('campaignRecs.inspections.visitedAt')}
              value={visitedAt}
              onChange={(e) => setVisitedAt(e.currentTarget.value)}
              error={fieldError(write.error, 'visitedAt')}
            />
            <Textarea
              label={t('campaignRecs.inspections.findings')}
              value={findings}
              onChange={(e) => setFindings(e.currentTarget.value)}
              autosize
              minRows={3}
              error={fieldError(write.error, 'findings')}
              data-testid="visit-findings"
            />
            <Group>
              <Button
                size="xs"
                loading={write.isPending}
                onClick={() =>
                  write.mutate(
                    {
                      kind: 'visit',
                      id: insp.id,
                      communeCode: visit.communeCode,
                      body: {
                        version: insp.version,
                        visitedAt: visitedAt ? `${visitedAt}:00+07:00` : null,
                        findings: findings || null,
                      },
                    },
                    { onSuccess: () => setEditing(false) },
                  )
                }
                data-testid="visit-save"
              >
                {t('campaignRecs.save')}
              </Button>
              <Button size="xs" variant="subtle" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
            {write.error && !fieldError(write.error, 'findings') ? <ErrorAlert error={write.error} /> : null}
          </Stack>
        ) : (
          <Group justify="space-between" align="flex-start">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {visit.findings ?? t('campaignRecs.inspections.noFindings')}
            </Text>
            {editable ? (
              <Button size="xs" variant="subtle" onClick={() => setEditing(true)} data-testid="visit-edit">
                {t('campaignRecs.inspections.editFindings')}
              </Button>
            ) : null}
          </Group>
        )}
        {directives.length > 0 ? (
          <Table>
            <Table.Tbody>
              {directives.map((d) => (
                <Table.Tr key={d.id} bg={d.overdue ? 'var(--mantine-color-red-0)' : undefined}>
                  <Table.Td>
                    <Text size="sm">{d.content}</Text>
                    {d.doneNote ? (
                      <Text size="xs" c="dimmed">
                        {d.doneNote}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td w={110}>{formatDate(d.dueDate)}</Table.Td>
                  <Table.Td w={110}>
                    <DirectiveStatus d={d} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {editable ? (
          adding ? (
            <Stack gap="xs">
              <Textarea
                label={t('campaignRecs.inspections.directive')}
                value={content}
                onChange={(e) => setContent(e.currentTarget.value)}
                autosize
                minRows={2}
                error={fieldError(dir.error, 'content')}
                data-testid="directive-content"
              />
              <DateField
                label={t('campaignRecs.directives.due')}
                value={due}
                onChange={setDue}
                error={fieldError(dir.error, 'dueDate')}
              />
              <Group>
                <Button
                  size="xs"
                  loading={dir.isPending}
                  onClick={() =>
                    dir.mutate(
                      {
                        kind: 'directive',
                        id: insp.id,
                        body: { communeCode: visit.communeCode, content, dueDate: due ?? '' },
                      },
                      {
                        onSuccess: () => {
                          setAdding(false);
                          setContent('');
                          setDue(null);
                        },
                      },
                    )
                  }
                  data-testid="directive-add"
                >
                  {t('campaignRecs.inspections.addDirective')}
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setAdding(false)}>
                  {t('common.cancel')}
                </Button>
              </Group>
              {dir.error && !fieldError(dir.error, 'content') && !fieldError(dir.error, 'dueDate') ? (
                <ErrorAlert error={dir.error} />
              ) : null}
            </Stack>
          ) : (
            <Group>
              <Button size="xs" variant="light" onClick={() => setAdding(true)} data-testid="directive-new">
                {t('campaignRecs.inspections.addDirective')}
              </Button>
            </Group>
          )
        ) : null}
      </Stack>
    </Paper>
  );
}

/** ISO instant → "YYYY-MM-DDTHH:mm" in Vietnam time, for a datetime-local input. */
function toLocalInput(iso: string): string {
  return new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 16);
}
