import {
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { MorePages } from '../../components/MorePages';
import { formatDate } from '../../lib/dates';
import { useSession } from '../auth/session';
import { fieldErrorOf } from '../meetings/errors';
import { holdsIn } from '../workspace/access';
import type { CommuneTabProps } from './CampaignPage';
import type { ProvinceTabProps } from './ProvinceCampaignPage';
import { NewItemCard, TrialSelect } from './parts';
import {
  type Lesson,
  type LessonFilters,
  useCreateLesson,
  useDeleteLesson,
  useLessons,
  useProvinceCommunes,
} from './trials-api';

/** "Bài học kinh nghiệm" of a commune: write one; read and search the commune's or the whole province's. */
export function CommuneLessonsTab({ communeCode, provinceCode }: CommuneTabProps) {
  const { t } = useTranslation();
  const user = useSession().data;
  const canWrite = holdsIn(user, 'campaign.contribute', communeCode, provinceCode);
  const [scope, setScope] = useState<'commune' | 'province'>('province');
  const [writing, setWriting] = useState(false);
  return (
    <Stack data-testid="lessons-tab">
      <Group justify="space-between" align="flex-end">
        <SegmentedControl
          value={scope}
          onChange={(v) => setScope(v as 'commune' | 'province')}
          data={[
            { value: 'province', label: t('campaignTrials.lessons.scopeProvince') },
            { value: 'commune', label: t('campaignTrials.lessons.scopeCommune') },
          ]}
          data-testid="lessons-scope"
        />
        {canWrite && !writing && (
          <Button onClick={() => setWriting(true)} data-testid="lesson-new">
            {t('campaignTrials.lessons.new')}
          </Button>
        )}
      </Group>
      {writing && <LessonForm communeCode={communeCode} onClose={() => setWriting(false)} />}
      <LessonBrowser
        where={{ communeCode, scope }}
        provinceCode={provinceCode}
        showCommuneFilter={scope === 'province'}
        canDelete={canWrite ? (l) => l.communeCode === communeCode : () => false}
      />
    </Stack>
  );
}

/** The province's page: every commune's lessons, searched and filtered by commune and tag. */
export function ProvinceLessonsTab({ provinceCode }: ProvinceTabProps) {
  return (
    <Stack data-testid="province-lessons-tab">
      <LessonBrowser
        where={{ provinceCode }}
        provinceCode={provinceCode}
        showCommuneFilter
        canDelete={() => false}
      />
    </Stack>
  );
}

function LessonBrowser({
  where,
  provinceCode,
  showCommuneFilter,
  canDelete,
}: {
  where: { communeCode: string; scope: 'commune' | 'province' } | { provinceCode: string };
  provinceCode: string;
  showCommuneFilter: boolean;
  canDelete: (l: Lesson) => boolean;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const [tag, setTag] = useState<string | null>(null);
  const [commune, setCommune] = useState<string | null>(null);
  const communes = useProvinceCommunes(provinceCode);
  const filters: LessonFilters = {
    q: debounced || undefined,
    tag: tag ?? undefined,
    commune: showCommuneFilter ? (commune ?? undefined) : undefined,
  };
  const list = useLessons(where, filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const tags = list.data?.pages[0]?.tags ?? [];
  const remove = useDeleteLesson();

  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          label={t('campaignTrials.lessons.search')}
          description={t('campaignTrials.lessons.searchHint')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={320}
          data-testid="lessons-search"
        />
        <Select
          label={t('campaignTrials.lessons.tag')}
          data={tags.map((x) => ({ value: x.tag, label: `${x.tag} (${x.count})` }))}
          value={tag}
          onChange={setTag}
          clearable
          searchable
          placeholder={t('campaignTrials.all')}
          w={220}
          data-testid="lessons-tag"
        />
        {showCommuneFilter && (
          <Select
            label={t('campaignTrials.lessons.commune')}
            data={(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
            value={commune}
            onChange={setCommune}
            clearable
            searchable
            placeholder={t('campaignTrials.all')}
            w={260}
            data-testid="lessons-commune"
          />
        )}
      </Group>
      {list.isPending ? (
        <Loading />
      ) : items.length === 0 && !list.isError ? (
        <Text c="dimmed">
          {filters.q || filters.tag ? t('campaignTrials.lessons.noMatch') : t('campaignTrials.lessons.none')}
        </Text>
      ) : (
        <Stack gap="sm" data-testid="lessons-list">
          {items.map((l) => (
            <Card key={l.id} withBorder component="article" aria-labelledby={`lesson-${l.id}`}>
              <Stack gap={6}>
                <Group justify="space-between" align="flex-start">
                  <Title order={4} id={`lesson-${l.id}`}>
                    {l.title}
                  </Title>
                  {canDelete(l) && (
                    <ConfirmButton
                      label={t('campaignTrials.lessons.deleteLabel', { title: l.title })}
                      title={t('campaignTrials.lessons.deleteTitle')}
                      message={t('campaignTrials.lessons.deleteMessage', { title: l.title })}
                      loading={remove.isPending}
                      onConfirm={() => remove.mutate(l.id)}
                    />
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {l.communeName} · {formatDate(l.createdAt.slice(0, 10))}
                  {l.trialDate
                    ? ` · ${t('campaignTrials.lessons.ofTrial', { date: formatDate(l.trialDate) })}`
                    : ''}
                  {l.createdBy ? ` · ${l.createdBy}` : ''}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {l.body}
                </Text>
                {l.tags.length > 0 && (
                  <Group gap={4}>
                    {l.tags.map((x) => (
                      <Badge key={x} variant="light" style={{ cursor: 'pointer' }} onClick={() => setTag(x)}>
                        {x}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
      {remove.isError && <ErrorAlert error={remove.error} />}
      <MorePages query={list} />
    </Stack>
  );
}

function LessonForm({ communeCode, onClose }: { communeCode: string; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateLesson(communeCode);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [trialId, setTrialId] = useState<string | null>(null);
  const err = (field: string) => fieldErrorOf(create.error, field);
  return (
    <NewItemCard
      name="lesson"
      title={t('campaignTrials.lessons.new')}
      mutation={create}
      err={err}
      onSubmit={() => create.mutate({ title, body, tags, trialId }, { onSuccess: onClose })}
      onCancel={onClose}
    >
      <TextInput
        label={t('campaignTrials.lessons.title')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={err('title')}
        data-testid="lesson-title"
      />
      <Textarea
        label={t('campaignTrials.lessons.body')}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={4}
        error={err('body')}
        data-testid="lesson-body"
      />
      <TagsInput
        label={t('campaignTrials.lessons.tags')}
        description={t('campaignTrials.lessons.tagsHint')}
        value={tags}
        onChange={setTags}
        maxTags={10}
        error={err('tags')}
        data-testid="lesson-tags"
      />
      <TrialSelect
        communeCode={communeCode}
        label={t('campaignTrials.lessons.trial')}
        value={trialId}
        onChange={setTrialId}
      />
    </NewItemCard>
  );
}
