import { Alert, Anchor, Badge, Button, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ImportReport } from '../../../common/api/org';
import { SpreadsheetImport } from '../../components/SpreadsheetImport';
import { usePageTitle } from '../../components/usePageTitle';
import { useSession } from '../auth/session';
import { holdsIn } from '../workspace/access';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { useCommuneInfo } from '../workspace/communes';
import { Refusal } from '../workspace/Refusal';
import { useImportStaff } from './api';
import { orgSections } from './sections';

/** The file's columns as the server's template names them (the file is Vietnamese whatever the UI language). */
const TEMPLATE_HEADINGS = [
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Điện thoại',
  'Email',
  'Đơn vị cũ',
  'Chức vụ',
  'Cơ quan',
  'Ngày bắt đầu',
];

function downloadTemplate() {
  // UTF-8 with a byte order mark so that Excel shows the diacritics.
  const blob = new Blob([`\uFEFF${TEMPLATE_HEADINGS.join(';')}\r\n`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = 'danh-sach-can-bo-mau.csv';
  a.click();
  URL.revokeObjectURL(url);
}

/** /to-chuc/:communeCode/nhap-danh-sach — staff list from CSV/XLSX: check first, then import all rows or none. */
export function ImportPage() {
  const { t } = useTranslation();
  usePageTitle(t('staffImport.title'));
  const { communeCode = '' } = useParams();
  const user = useSession().data;
  const commune = useCommuneInfo(communeCode);
  const check = useImportStaff(communeCode);
  const run = useImportStaff(communeCode);

  if (!holdsIn(user, 'org.manage', communeCode, commune.data?.province.code))
    return <Refusal communeCode={communeCode} />;

  return (
    <Stack gap="md">
      <CommuneHeader
        communeCode={communeCode}
        title={t('staffImport.title')}
        sections={orgSections(communeCode, true)}
      />
      <SpreadsheetImport
        ns="staffImport"
        check={check}
        run={run}
        intro={
          <>
            <Text>{t('staffImport.intro')}</Text>
            <List size="sm">
              <List.Item>{t('staffImport.columns', { columns: TEMPLATE_HEADINGS.join(', ') })}</List.Item>
              <List.Item>{t('staffImport.formats')}</List.Item>
              <List.Item>{t('staffImport.allOrNothing')}</List.Item>
            </List>
            <Button variant="default" w="fit-content" onClick={downloadTemplate}>
              {t('staffImport.template')}
            </Button>
          </>
        }
        report={(report) => <ReportView report={report} />}
        fileTestId="import-file"
      />
      {run.data?.imported && (
        <Anchor component={Link} to={`/to-chuc/${communeCode}/can-bo`}>
          {t('staffImport.toList')}
        </Anchor>
      )}
    </Stack>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const counts = {
    rows: report.rows,
    created: report.officialsCreated,
    existing: report.officialsExisting,
    positions: report.positionsCreated,
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="report-heading" data-testid="import-report">
      <Title order={2} size="h3" id="report-heading">
        {report.dryRun ? t('staffImport.reportTitle') : t('staffImport.doneTitle')}
      </Title>
      {report.imported ? (
        <Alert color="green" role="status">
          {t('staffImport.imported', counts)}
        </Alert>
      ) : report.valid ? (
        <Alert color="blue" role="status">
          {t('staffImport.valid', counts)}
        </Alert>
      ) : (
        <Alert color="red" role="alert">
          {t('staffImport.invalid', { count: report.errors.length })}
        </Alert>
      )}
      {report.errors.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped data-testid="import-errors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('staffImport.row')}</Table.Th>
                <Table.Th scope="col">{t('staffImport.column')}</Table.Th>
                <Table.Th scope="col">{t('staffImport.message')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.errors.map((e) => (
                <Table.Tr key={`${e.row}:${e.field}:${e.message.vi}`}>
                  <Table.Td>{e.row}</Table.Td>
                  <Table.Td>{e.column}</Table.Td>
                  <Table.Td>{e.message[lang]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {report.valid && report.people.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table striped data-testid="import-people">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('staffImport.rows')}</Table.Th>
                <Table.Th scope="col">{t('official.fullName')}</Table.Th>
                <Table.Th scope="col">{t('staffImport.action')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.people.map((p) => (
                <Table.Tr key={p.rows.join(',')}>
                  <Table.Td>{p.rows.join(', ')}</Table.Td>
                  <Table.Td>
                    {p.officialId ? (
                      <Anchor component={Link} to={`/can-bo/${p.officialId}`}>
                        {p.fullName}
                      </Anchor>
                    ) : (
                      p.fullName
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" w="max-content" color={p.action === 'create' ? 'teal' : 'gray'}>
                      {t(`staffImport.actions.${p.action}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
