import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  InflightImportReport,
  InflightImportRequest,
  InflightList,
  InflightReportRow,
} from '../../../../common/api/inflight';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SpreadsheetImport } from '../../../components/SpreadsheetImport';
import { formatDate } from '../../../lib/dates';
import { formatDateTime } from '../../../lib/datetime';
import type { CommuneTabProps } from '../CampaignPage';

const base = (code: string) => `/api/v1/communes/${code}/campaign/inflight`;

function useInflightImport(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InflightImportRequest) =>
      api<InflightImportReport>(`${base(code)}/import`, { method: 'POST', body }),
    onSuccess: (report) => {
      if (report.imported) void client.invalidateQueries({ queryKey: ['inflight', code] });
    },
  });
}

/**
 * Tab "Hồ sơ chuyển tiếp" of /van-hanh/:communeCode: the in-flight dossiers of the abolished districts and former
 * communes, from a CSV/XLSX file — checked row by row first (nothing written), then imported all or none — and the
 * dossiers imported so far.
 */
export function InflightImportTab({ communeCode }: CommuneTabProps) {
  const { t } = useTranslation();
  const check = useInflightImport(communeCode);
  const run = useInflightImport(communeCode);

  return (
    <Stack gap="md">
      <SpreadsheetImport
        ns="inflight"
        check={check}
        run={run}
        intro={
          <>
            <Title order={2} size="h3">
              {t('inflight.title')}
            </Title>
            <Text>{t('inflight.intro')}</Text>
            <List size="sm">
              <List.Item>{t('inflight.columns')}</List.Item>
              <List.Item>{t('inflight.states')}</List.Item>
              <List.Item>{t('inflight.dates')}</List.Item>
              <List.Item>{t('inflight.allOrNothing')}</List.Item>
            </List>
            <Group gap="sm">
              <Button
                component="a"
                variant="default"
                href={`${base(communeCode)}/template?format=xlsx`}
                download="mau-ho-so-dang-giai-quyet.xlsx"
                data-testid="inflight-template-xlsx"
              >
                {t('inflight.templateXlsx')}
              </Button>
              <Button
                component="a"
                variant="subtle"
                href={`${base(communeCode)}/template?format=csv`}
                download="mau-ho-so-dang-giai-quyet.csv"
              >
                {t('inflight.templateCsv')}
              </Button>
            </Group>
          </>
        }
        report={(report) => <ReportView report={report} />}
        fileTestId="inflight-file"
        runTestId="inflight-run"
      />
      <ImportedList communeCode={communeCode} />
    </Stack>
  );
}

type RowFilter = 'all' | 'errors' | 'overdue';

function ReportView({ report }: { report: InflightImportReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const [filter, setFilter] = useState<RowFilter>('all');
  const bad = report.rows - report.okRows;
  const shown = report.items.filter((i) =>
    filter === 'errors' ? !i.ok : filter === 'overdue' ? i.ok && i.overdue : true,
  );
  return (
    <Stack gap="sm" component="section" aria-labelledby="inflight-report" data-testid="inflight-report">
      <Title order={3} size="h4" id="inflight-report">
        {report.imported ? t('inflight.doneTitle') : t('inflight.reportTitle')}
      </Title>
      {report.imported ? (
        <Alert color="green" role="status">
          {t('inflight.imported', { count: report.rows, overdue: report.overdueRows })}
        </Alert>
      ) : report.valid ? (
        <Alert color="blue" role="status">
          {t('inflight.valid', { count: report.rows, overdue: report.overdueRows })}
        </Alert>
      ) : (
        <Alert color="red" role="alert">
          {report.fileProblems.length
            ? report.fileProblems.map((p) => p.message[lang]).join(' ')
            : t('inflight.invalid', { count: bad, total: report.rows })}
        </Alert>
      )}
      {report.items.length > 0 && (
        <>
          <SegmentedControl
            w="fit-content"
            value={filter}
            onChange={(v) => setFilter(v as RowFilter)}
            data={[
              { value: 'all', label: t('inflight.filter.all', { count: report.rows }) },
              { value: 'errors', label: t('inflight.filter.errors', { count: bad }) },
              { value: 'overdue', label: t('inflight.filter.overdue', { count: report.overdueRows }) },
            ]}
          />
          <Table.ScrollContainer minWidth={1180}>
            <Table data-testid="inflight-rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('inflight.col.row')}</Table.Th>
                  <Table.Th scope="col">{t('inflight.col.code')}</Table.Th>
                  <Table.Th scope="col">{t('inflight.col.applicant')}</Table.Th>
                  <Table.Th scope="col">{t('inflight.col.procedure')}</Table.Th>
                  <Table.Th scope="col">{t('inflight.col.formerUnit')}</Table.Th>
                  <Table.Th scope="col">{t('inflight.col.state')}</Table.Th>
                  <Table.Th scope="col">{t('inflight.col.received')}</Table.Th>
                  <Table.Th scope="col">{t('inflight.col.due')}</Table.Th>
                  <Table.Th scope="col">{t('inflight.col.remaining')}</Table.Th>
                  <Table.Th scope="col">{t('inflight.col.assignee')}</Table.Th>
                  <Table.Th scope="col">{t('inflight.col.result')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((i) => (
                  <ReportLine key={i.row} item={i} lang={lang} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}

function ReportLine({ item: i, lang }: { item: InflightReportRow; lang: 'vi' | 'en' }) {
  const { t } = useTranslation();
  return (
    <>
      <Table.Tr data-ok={i.ok}>
        <Table.Td>{i.row}</Table.Td>
        <Table.Td ff="monospace" fz="sm">
          {i.dossierId ? (
            <Anchor component={Link} to={`/ho-so/chi-tiet/${i.dossierId}`}>
              {i.originalCode}
            </Anchor>
          ) : (
            i.originalCode || '—'
          )}
        </Table.Td>
        <Table.Td>{i.applicantName || '—'}</Table.Td>
        <Table.Td miw={130}>{i.procedureName ?? '—'}</Table.Td>
        <Table.Td miw={180}>{i.importedFrom ?? '—'}</Table.Td>
        <Table.Td>{i.status ? t(`inflight.state.${i.status}`) : '—'}</Table.Td>
        <Table.Td>{i.receivedOn ? formatDate(i.receivedOn) : '—'}</Table.Td>
        <Table.Td>{i.dueDate ? formatDate(i.dueDate) : '—'}</Table.Td>
        <Table.Td>
          {i.remainingWorkingDays === null ? (
            '—'
          ) : i.overdue ? (
            <Badge color="red" variant="light" w="max-content">
              {t('inflight.overdueBy', { count: -i.remainingWorkingDays })}
            </Badge>
          ) : (
            t('inflight.daysLeft', { count: i.remainingWorkingDays })
          )}
        </Table.Td>
        <Table.Td>{i.assignee ?? '—'}</Table.Td>
        <Table.Td>
          <Badge color={i.ok ? 'green' : 'red'} variant="light" w="max-content">
            {i.ok ? t('inflight.ok') : t('inflight.errors', { count: i.problems.length })}
          </Badge>
        </Table.Td>
      </Table.Tr>
      {!i.ok && (
        <Table.Tr data-problems-of={i.row}>
          <Table.Td />
          <Table.Td colSpan={10}>
            <List size="sm" c="red.8" spacing={2}>
              {i.problems.map((p) => (
                <List.Item key={`${p.field}:${p.message.vi}`}>
                  <b>{p.column}</b>: {p.message[lang]}
                </List.Item>
              ))}
            </List>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function ImportedList({ communeCode }: { communeCode: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['inflight', communeCode, q],
    queryFn: () =>
      api<InflightList>(
        `${base(communeCode)}?limit=200${q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''}`,
      ),
  });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="inflight-imported">
      <Stack gap="sm">
        <Title order={3} size="h4" id="inflight-imported">
          {t('inflight.importedTitle')}
        </Title>
        <TextInput
          maw={420}
          label={t('inflight.search')}
          placeholder={t('inflight.searchHint')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        {list.isError && <ErrorAlert error={list.error} />}
        {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('inflight.none')}</Text>}
        {list.data && list.data.items.length > 0 && (
          <>
            <Text size="sm" c="dimmed">
              {t('inflight.total', { count: list.data.total })}
            </Text>
            <Table.ScrollContainer minWidth={820}>
              <Table striped data-testid="inflight-imported">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('inflight.col.code')}</Table.Th>
                    <Table.Th scope="col">{t('inflight.col.applicant')}</Table.Th>
                    <Table.Th scope="col">{t('inflight.col.procedure')}</Table.Th>
                    <Table.Th scope="col">{t('inflight.col.formerUnit')}</Table.Th>
                    <Table.Th scope="col">{t('inflight.col.state')}</Table.Th>
                    <Table.Th scope="col">{t('inflight.col.due')}</Table.Th>
                    <Table.Th scope="col">{t('inflight.col.importedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td ff="monospace" fz="sm">
                        <Anchor component={Link} to={`/ho-so/chi-tiet/${d.id}`}>
                          {d.code}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{d.applicantName}</Table.Td>
                      <Table.Td>{d.procedureName}</Table.Td>
                      <Table.Td>{d.importedFrom}</Table.Td>
                      <Table.Td>{d.statusLabel[lang]}</Table.Td>
                      <Table.Td>{d.dueDate ? formatDate(d.dueDate) : '—'}</Table.Td>
                      <Table.Td>{formatDateTime(d.importedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}
