import { Badge, Button, Card, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { formatDate } from '../../../lib/dates';
import { formatDateTime } from '../../../lib/datetime';
import { useSession } from '../../auth/session';
import { holdsIn } from '../../workspace/access';
import type { CommuneTabProps } from '../CampaignPage';
import { OverdueFilter } from '../parts';
import { type Directive, useCommuneDirectives, useDirectiveDone } from '../recs-api';

/** Chỉ đạo của tỉnh: the inspections' directives to this commune, open ones first; the leader reports one done. */
export function DirectivesTab({ communeCode, provinceCode }: CommuneTabProps) {
  const { t } = useTranslation();
  const user = useSession().data;
  const canManage = holdsIn(user, 'campaign.manage', communeCode, provinceCode || undefined);
  const [status, setStatus] = useState<string | null>(null);
  const [overdue, setOverdue] = useState(false);
  const list = useCommuneDirectives(communeCode, {
    status: status ?? undefined,
    overdue: overdue ? 'true' : undefined,
  });
  return (
    <Stack data-testid="directives-tab">
      <Text c="dimmed" size="sm">
        {t('campaignRecs.directives.intro')}
      </Text>
      <Group>
        <Select
          placeholder={t('campaignRecs.filters.status')}
          aria-label={t('campaignRecs.filters.status')}
          data={[
            { value: 'open', label: t('campaignRecs.directives.open') },
            { value: 'done', label: t('campaignRecs.directives.done') },
          ]}
          value={status}
          onChange={setStatus}
          clearable
        />
        <OverdueFilter checked={overdue} onChange={setOverdue} />
      </Group>
      {list.isPending ? <Loading /> : null}
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data?.items.length === 0 ? <Text c="dimmed">{t('campaignRecs.directives.empty')}</Text> : null}
      {list.data?.items.map((d) => (
        <DirectiveCard key={d.id} d={d} canManage={canManage} />
      ))}
    </Stack>
  );
}

export function DirectiveStatus({ d }: { d: Directive }) {
  const { t } = useTranslation();
  if (d.status === 'done') return <Badge color="teal">{t('campaignRecs.directives.done')}</Badge>;
  return (
    <Badge color={d.overdue ? 'red' : 'blue'}>
      {d.overdue ? t('campaignRecs.overdue') : t('campaignRecs.directives.open')}
    </Badge>
  );
}

function DirectiveCard({ d, canManage }: { d: Directive; canManage: boolean }) {
  const { t } = useTranslation();
  const done = useDirectiveDone();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  return (
    <Card
      withBorder
      data-testid="directive"
      style={d.overdue ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {d.inspectionTitle}
          </Text>
          <DirectiveStatus d={d} />
        </Group>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{d.content}</Text>
        <Text size="sm" c={d.overdue ? 'red' : undefined}>
          {t('campaignRecs.directives.due')}: {formatDate(d.dueDate)}
        </Text>
        {d.status === 'done' ? (
          <Text size="sm">
            {t('campaignRecs.directives.doneAt')} {d.doneAt ? formatDateTime(d.doneAt) : ''}: {d.doneNote}
          </Text>
        ) : null}
        {canManage && d.status === 'open' ? (
          open ? (
            <Stack gap="xs">
              <Textarea
                label={t('campaignRecs.directives.note')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={fieldError(done.error, 'note')}
                autosize
                minRows={2}
                data-testid="directive-note"
              />
              <Group>
                <Button
                  size="xs"
                  loading={done.isPending}
                  onClick={() =>
                    done.mutate({ id: d.id, version: d.version, note }, { onSuccess: () => setOpen(false) })
                  }
                  data-testid="directive-done-confirm"
                >
                  {t('campaignRecs.directives.markDone')}
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setOpen(false)}>
                  {t('common.cancel')}
                </Button>
              </Group>
              {done.error && !fieldError(done.error, 'note') ? <ErrorAlert error={done.error} /> : null}
            </Stack>
          ) : (
            <Group>
              <Button size="xs" variant="light" onClick={() => setOpen(true)} data-testid="directive-done">
                {t('campaignRecs.directives.markDone')}
              </Button>
            </Group>
          )
        ) : null}
      </Stack>
    </Card>
  );
}
