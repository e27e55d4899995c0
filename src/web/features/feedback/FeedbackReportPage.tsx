import { Alert, Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { formatDateTime } from '../../lib/datetime';
import { useCommuneInfo, useRememberCommune } from '../workspace/communes';
import { PageError } from '../workspace/PageError';
import { ActionsPanel } from './staff/ActionsPanel';
import { DuplicatesList } from './staff/DuplicatesList';
import { HistoryTimeline } from './staff/HistoryTimeline';
import { PlainText, RiskBadges, StateBadge, TIMELINESS_COLOR } from './staff/parts';
import { type FeedbackDetail, feedbackFileUrl, useFeedbackReport } from './staff-api';

/**
 * /xu-ly-phan-anh/chi-tiet/:id — one report with everything its handler needs: the content, place and files, the
 * reporter's contact (staff only), the deadlines and where it stands, the answer and its public version, the
 * similar reports (merge), children and merged reports, the history, and one button per allowed action.
 */
export function FeedbackReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const report = useFeedbackReport(id);
  usePageTitle(report.data?.code ?? t('feedbackStaff.title'));
  useRememberCommune(report.data?.communeCode);
  if (report.isPending) return <Loading />;
  if (report.isError) return <PageError error={report.error} onRetry={() => void report.refetch()} />;
  return <ReportDetail report={report.data} />;
}

const OPEN_FOR_DUPLICATES = ['received', 'accepted', 'assigned', 'reopened'];

function ReportDetail({ report: r }: { report: FeedbackDetail }) {
  const { t } = useTranslation();
  const place = [r.place.text, r.place.resolved].filter(Boolean).join(' → ');
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/xu-ly-phan-anh/${r.communeCode}`} size="sm">
        {t('feedbackStaff.detail.back')}
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1} data-testid="feedback-code">
            {r.code}
          </Title>
          <StateBadge state={r.state} />
          <RiskBadges r={r} />
        </Group>
        <Text fw={500} size="lg" style={{ overflowWrap: 'anywhere' }} data-testid="feedback-title">
          {r.title}
        </Text>
        <Text size="sm" c="dimmed">
          {r.categoryName} · {t(`feedbackStaff.kind.${r.kind}`)} · {t(`feedbackStaff.channel.${r.channel}`)}
        </Text>
      </Stack>
      <Links report={r} />
      <ActionsPanel report={r} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('feedbackStaff.detail.content')}
          </Title>
          <PlainText text={r.content} testId="feedback-content" />
          {(place || r.place.latitude !== null) && (
            <Stack gap={2} mt="sm">
              <Text size="sm" c="dimmed">
                {t('feedbackStaff.field.place')}
              </Text>
              {place && <Text size="sm">{place}</Text>}
              {r.place.latitude !== null && r.place.longitude !== null && (
                <Text size="sm" data-testid="feedback-point">
                  {r.place.latitude.toFixed(5)}, {r.place.longitude.toFixed(5)}
                </Text>
              )}
            </Stack>
          )}
          {r.files.length > 0 && (
            <Stack gap={2} mt="sm">
              <Text size="sm" c="dimmed">
                {t('feedbackStaff.detail.files')}
              </Text>
              <List size="sm" data-testid="feedback-files">
                {r.files.map((f) => (
                  <List.Item key={f.id}>
                    <Anchor href={feedbackFileUrl(r.id, f.id)} target="_blank" rel="noopener">
                      {f.name}
                    </Anchor>{' '}
                    <Text span size="xs" c="dimmed">
                      ({t(`feedbackStaff.filePurpose.${f.purpose}`)}, {Math.ceil(f.size / 1024)} KB)
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
        </Paper>
        <Stack gap="md">
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">
              {t('feedbackStaff.detail.reporter')}
            </Title>
            <dl style={{ margin: 0 }}>
              <Field term={t('feedbackStaff.field.reporterName')} value={r.reporterName} />
              <Field term={t('feedbackStaff.field.phone')} value={r.reporterPhone} testId="reporter-phone" />
              <Field term={t('feedbackStaff.field.email')} value={r.reporterEmail} />
            </dl>
            {r.anonymous && (
              <Text size="sm" c="orange.8" mt="xs">
                {t('feedbackStaff.detail.anonymous')}
              </Text>
            )}
            {r.isPrivate && (
              <Badge color="gray" mt="xs" data-testid="private-badge">
                {t('feedbackStaff.detail.private')}
              </Badge>
            )}
          </Paper>
          <Deadlines report={r} />
        </Stack>
      </SimpleGrid>
      {(r.answerText || r.answerPublicText || r.rejectReason) && <AnswerPanel report={r} />}
      {OPEN_FOR_DUPLICATES.includes(r.state) && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('feedbackStaff.duplicates.title')}
          </Title>
          <DuplicatesList report={r} />
        </Paper>
      )}
      <HistoryTimeline report={r} />
    </Stack>
  );
}

/** Parent, children, merged reports, merged into, forwarded from. */
function Links({ report: r }: { report: FeedbackDetail }) {
  const { t } = useTranslation();
  const fromName = useCommuneInfo(r.forwardedFrom).data?.name;
  const link = (id: string, code: string) => (
    <Anchor component={Link} to={`/xu-ly-phan-anh/chi-tiet/${id}`}>
      {code}
    </Anchor>
  );
  const rows: ReactNode[] = [];
  if (r.parentId)
    rows.push(
      <Text size="sm" key="parent" data-testid="feedback-parent">
        {t('feedbackStaff.detail.parent')} {link(r.parentId, r.code.replace(/-\d+$/, ''))}
      </Text>,
    );
  if (r.mergedIntoId)
    rows.push(
      <Text size="sm" key="into" data-testid="feedback-merged-into">
        {t('feedbackStaff.detail.mergedInto')} {link(r.mergedIntoId, t('feedbackStaff.detail.openIt'))}
      </Text>,
    );
  if (r.forwardedFrom)
    rows.push(
      <Text size="sm" key="from" data-testid="feedback-forwarded-from">
        {t('feedbackStaff.detail.forwardedFrom', { commune: fromName ?? r.forwardedFrom })}
      </Text>,
    );
  if (r.children.length > 0)
    rows.push(
      <Stack gap={2} key="children" data-testid="feedback-children">
        <Text size="sm" fw={500}>
          {t('feedbackStaff.detail.children', { count: r.children.length })}
        </Text>
        <List size="sm">
          {r.children.map((c) => (
            <List.Item key={c.id}>
              <Group gap="xs" wrap="nowrap">
                {link(c.id, c.code)}
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {c.title}
                </Text>
                <StateBadge state={c.state} />
              </Group>
            </List.Item>
          ))}
        </List>
      </Stack>,
    );
  if (r.merged.length > 0)
    rows.push(
      <Stack gap={2} key="merged" data-testid="feedback-merged">
        <Text size="sm" fw={500}>
          {t('feedbackStaff.detail.merged', { count: r.merged.length })}
        </Text>
        <List size="sm">
          {r.merged.map((m) => (
            <List.Item key={m.id}>
              {link(m.id, m.code)} — {m.title}
            </List.Item>
          ))}
        </List>
      </Stack>,
    );
  if (rows.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">{rows}</Stack>
    </Paper>
  );
}

function Deadlines({ report: r }: { report: FeedbackDetail }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        {t('feedbackStaff.detail.deadlines')}
      </Title>
      <dl style={{ margin: 0 }}>
        <Field term={t('feedbackStaff.field.receivedAt')} value={formatDateTime(r.receivedAt)} />
        <Field term={t('feedbackStaff.field.transferDue')} value={formatDate(r.transferDueDate)} />
        <Field
          term={t('feedbackStaff.field.answerDue')}
          value={r.answerDueDate ? formatDate(r.answerDueDate) : null}
          testId="answer-due"
        />
        <Field term={t('feedbackStaff.field.assignee')} value={r.assigneeName} testId="assignee-name" />
        <Field term={t('feedbackStaff.field.assignedBody')} value={r.assignedBody} />
        <Field
          term={t('feedbackStaff.field.answeredAt')}
          value={r.answeredAt && formatDateTime(r.answeredAt)}
        />
        <Field
          term={t('feedbackStaff.field.publishedAt')}
          value={r.publishedAt && formatDateTime(r.publishedAt)}
        />
        <Field term={t('feedbackStaff.field.closedAt')} value={r.closedAt && formatDateTime(r.closedAt)} />
      </dl>
      <Group gap="xs" mt="xs">
        <Badge color={TIMELINESS_COLOR[r.timeliness]} variant="light" data-testid="timeliness">
          {t(`feedbackStaff.timeliness.${r.timeliness}`)}
        </Badge>
        {r.approvalRequired && (
          <Badge color="grape" variant="outline">
            {t('feedbackStaff.detail.approvalRequired')}
          </Badge>
        )}
        {r.reopenCount > 0 && (
          <Badge color="orange" variant="outline">
            {t('feedbackStaff.detail.reopened', { count: r.reopenCount })}
          </Badge>
        )}
      </Group>
      {r.resolvedByReporter !== null && (
        <Text size="sm" mt="xs" data-testid="feedback-rating">
          {r.resolvedByReporter
            ? t('feedbackStaff.detail.resolvedYes')
            : t('feedbackStaff.detail.resolvedNo')}
          {r.rating !== null ? ` · ${'★'.repeat(r.rating)}${'☆'.repeat(Math.max(0, 5 - r.rating))}` : ''}
          {r.ratingComment ? ` · “${r.ratingComment}”` : ''}
        </Text>
      )}
    </Paper>
  );
}

function AnswerPanel({ report: r }: { report: FeedbackDetail }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="answer-panel">
      <Title order={2} size="h4" mb="xs">
        {t('feedbackStaff.detail.answer')}
      </Title>
      {r.rejectReason && (
        <Alert color="gray" mb="sm" title={t('feedbackStaff.detail.rejectReason')}>
          <PlainText text={r.rejectReason} />
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {r.answerText && (
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {r.state === 'answer_pending'
                ? t('feedbackStaff.detail.draft')
                : t('feedbackStaff.detail.sent')}
            </Text>
            <PlainText text={r.answerText} testId="answer-text" />
          </Stack>
        )}
        {r.answerPublicText && (
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {r.isPrivate ? t('feedbackStaff.detail.publicNotPublished') : t('feedbackStaff.detail.public')}
            </Text>
            <PlainText text={r.answerPublicText} testId="answer-public" />
          </Stack>
        )}
      </SimpleGrid>
    </Paper>
  );
}

function Field({ term, value, testId }: { term: string; value: string | null | undefined; testId?: string }) {
  return (
    <Group gap="xs" align="baseline" wrap="nowrap">
      <Text component="dt" size="sm" c="dimmed" miw={150}>
        {term}
      </Text>
      <Text component="dd" m={0} size="sm" data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {value || '—'}
      </Text>
    </Group>
  );
}
