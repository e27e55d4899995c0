import {
  Button,
  FileInput,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECOMMENDATION_CATEGORIES } from '../../../../common/api/campaign-recommendations';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormError, fieldError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { useSession } from '../../auth/session';
import { holdsIn } from '../../workspace/access';
import type { CommuneTabProps } from '../CampaignPage';
import { OverdueFilter, RecStatusCategoryFilters } from '../parts';
import { RecDue, RecommendationDrawer, RecStatusBadge, RecTitle } from '../RecommendationDrawer';
import { type RecommendationCategory, useCommuneRecommendations, useSendRecommendation } from '../recs-api';

/** Kiến nghị lên tỉnh: the leader sends one (with evidence); everyone follows its state, due date and answer. */
export function RecommendationsTab({ communeCode, provinceCode }: CommuneTabProps) {
  const { t } = useTranslation();
  const user = useSession().data;
  const canSend = holdsIn(user, 'campaign.manage', communeCode, provinceCode || undefined);
  const [status, setStatus] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [showForm, setShowForm] = useState(false);
  const list = useCommuneRecommendations(communeCode, {
    status: status ?? undefined,
    category: category ?? undefined,
    overdue: overdue ? 'true' : undefined,
  });
  return (
    <Stack data-testid="recs-tab">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('campaignRecs.communeIntro')}
        </Text>
        {canSend ? (
          <Button onClick={() => setShowForm((v) => !v)} data-testid="rec-new">
            {t('campaignRecs.new')}
          </Button>
        ) : null}
      </Group>
      {showForm ? (
        <SendForm
          communeCode={communeCode}
          onSent={(id) => {
            setShowForm(false);
            setSelected(id);
          }}
        />
      ) : null}
      <Group>
        <RecStatusCategoryFilters
          status={status}
          onStatus={setStatus}
          category={category}
          onCategory={setCategory}
        />
        <OverdueFilter checked={overdue} onChange={setOverdue} />
      </Group>
      {list.isPending ? <Loading /> : null}
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? <Text c="dimmed">{t('campaignRecs.empty')}</Text> : null}
      {list.data && list.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={700}>
          <Table highlightOnHover data-testid="recs-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaignRecs.title')}</Table.Th>
                <Table.Th>{t('campaignRecs.categoryLabel')}</Table.Th>
                <Table.Th>{t('campaignRecs.statusLabel')}</Table.Th>
                <Table.Th>{t('campaignRecs.due')}</Table.Th>
                <Table.Th>{t('campaignRecs.department')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((r) => (
                <Table.Tr
                  key={r.id}
                  onClick={() => setSelected(r.id)}
                  style={{ cursor: 'pointer' }}
                  bg={r.overdue ? 'var(--mantine-color-red-0)' : undefined}
                >
                  <Table.Td>
                    <RecTitle rec={r} />
                  </Table.Td>
                  <Table.Td>{t(`campaignRecs.category.${r.category}`)}</Table.Td>
                  <Table.Td style={{ minWidth: 170 }}>
                    <RecStatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>
                    <RecDue rec={r} />
                  </Table.Td>
                  <Table.Td>{r.department ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <RecommendationDrawer id={selected} provinceCode={provinceCode} onClose={() => setSelected(null)} />
    </Stack>
  );
}

function SendForm({ communeCode, onSent }: { communeCode: string; onSent: (id: string) => void }) {
  const { t } = useTranslation();
  const send = useSendRecommendation(communeCode);
  const [category, setCategory] = useState<RecommendationCategory>('resources');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [urgency, setUrgency] = useState<'normal' | 'urgent'>('normal');
  const [files, setFiles] = useState<File[]>([]);
  const err = send.error;
  const shown = (f: string) => ['body.title', 'body.content', 'body.category', 'body.file'].includes(f);
  return (
    <Paper withBorder p="md" data-testid="rec-form">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate({ category, title, content, urgency, files }, { onSuccess: (rec) => onSent(rec.id) });
        }}
      >
        <Stack gap="sm">
          <Select
            label={t('campaignRecs.categoryLabel')}
            data={RECOMMENDATION_CATEGORIES.map((c) => ({
              value: c,
              label: t(`campaignRecs.category.${c}`),
            }))}
            value={category}
            onChange={(v) => v && setCategory(v as RecommendationCategory)}
            allowDeselect={false}
            error={fieldError(err, 'category')}
          />
          <TextInput
            label={t('campaignRecs.title')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
            minLength={3}
            maxLength={300}
            error={fieldError(err, 'title')}
            data-testid="rec-title"
          />
          <Textarea
            label={t('campaignRecs.content')}
            value={content}
            onChange={(e) => setContent(e.currentTarget.value)}
            required
            autosize
            minRows={4}
            error={fieldError(err, 'content')}
            data-testid="rec-content"
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('campaignRecs.urgencyLabel')}
            </Text>
            <SegmentedControl
              value={urgency}
              onChange={(v) => setUrgency(v as 'normal' | 'urgent')}
              data={[
                { value: 'normal', label: t('campaignRecs.urgency.normal') },
                { value: 'urgent', label: t('campaignRecs.urgency.urgent') },
              ]}
            />
          </div>
          <FileInput
            label={t('campaignRecs.evidence')}
            description={t('campaignRecs.evidenceHint')}
            accept="application/pdf,image/jpeg,image/png"
            multiple
            value={files}
            onChange={setFiles}
            clearable
            error={fieldError(err, 'file')}
          />
          {err ? <FormError error={err} shown={shown} /> : null}
          <Group>
            <Button type="submit" loading={send.isPending} data-testid="rec-send">
              {t('campaignRecs.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
