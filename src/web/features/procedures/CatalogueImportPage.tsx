import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useSession } from '../auth/session';
import { useLabel } from '../dossiers/labels';
import { isAdmin } from '../workspace/access';
import { Refusal } from '../workspace/Refusal';
import { type CatalogueImportReport, useImportCatalogue } from './api';
import { ChangeList } from './ChangeList';
import { ExportButtons } from './ProceduresPage';

const MAX_BYTES = 5 * 1024 * 1024;

/** /quan-tri/thu-tuc/nhap — import the catalogue from XLSX or JSON: the plan first, then all of it or nothing. */
export function CatalogueImportPage() {
  const { t } = useTranslation();
  usePageTitle(t('catalogueImport.title'));
  const user = useSession().data;
  const check = useImportCatalogue();
  const run = useImportCatalogue();
  const [file, setFile] = useState<File | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);

  if (!isAdmin(user)) return <Refusal />;

  const pick = (picked: File | null) => {
    setFile(picked);
    setPickError(null);
    check.reset();
    run.reset();
    if (!picked) return;
    if (!/\.(xlsx|json)$/i.test(picked.name)) setPickError(t('catalogueImport.wrongType'));
    else if (picked.size > MAX_BYTES) setPickError(t('catalogueImport.tooLarge'));
    else check.mutate({ file: picked, dryRun: true });
  };
  const report = run.data ?? check.data;
  const changes = (check.data?.created.length ?? 0) + (check.data?.updated.length ?? 0);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/quan-tri/thu-tuc" size="sm">
        {t('catalogue.back')}
      </Anchor>
      <Title order={1}>{t('catalogueImport.title')}</Title>
      <Paper withBorder p="lg">
        <Stack gap="sm">
          <Text>{t('catalogueImport.intro')}</Text>
          <List size="sm">
            <List.Item>{t('catalogueImport.layout')}</List.Item>
            <List.Item>{t('catalogueImport.matching')}</List.Item>
            <List.Item>{t('catalogueImport.allOrNothing')}</List.Item>
          </List>
          <ExportButtons />
          <FileInput
            label={t('catalogueImport.file')}
            description={t('catalogueImport.fileHint')}
            placeholder={t('catalogueImport.choose')}
            accept=".xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={pick}
            clearable
            maw={480}
            error={pickError}
            data-testid="catalogue-import-file"
          />
        </Stack>
      </Paper>
      {check.isPending && <Text role="status">{t('catalogueImport.checking')}</Text>}
      {check.isError && <ErrorAlert error={check.error} />}
      {report && <PlanView report={report} />}
      {run.isError && <ErrorAlert error={run.error} />}
      {check.data?.valid && changes > 0 && !run.data && file && (
        <Button w="fit-content" loading={run.isPending} onClick={() => run.mutate({ file, dryRun: false })}>
          {t('catalogueImport.run', { count: changes })}
        </Button>
      )}
    </Stack>
  );
}

function PlanView({ report }: { report: CatalogueImportReport }) {
  const { t } = useTranslation();
  const label = useLabel();
  const counts = {
    created: report.created.length,
    updated: report.updated.length,
    unchanged: report.unchanged.length,
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="plan-heading" data-testid="catalogue-plan">
      <Title order={2} size="h3" id="plan-heading">
        {report.imported ? t('catalogueImport.doneTitle') : t('catalogueImport.planTitle')}
      </Title>
      {report.imported ? (
        <Alert color="green" role="status">
          {t('catalogueImport.imported', counts)}
        </Alert>
      ) : !report.valid ? (
        <Alert color="red" role="alert">
          {t('catalogueImport.invalid', { count: report.errors.length })}
        </Alert>
      ) : counts.created + counts.updated === 0 ? (
        <Alert color="gray" role="status">
          {t('catalogueImport.nothing', counts)}
        </Alert>
      ) : (
        <Alert color="blue" role="status">
          {t('catalogueImport.valid', counts)}
        </Alert>
      )}
      {report.errors.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="catalogue-import-errors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('catalogueImport.sheet')}</Table.Th>
                <Table.Th scope="col">{t('catalogueImport.row')}</Table.Th>
                <Table.Th scope="col">{t('catalogueImport.column')}</Table.Th>
                <Table.Th scope="col">{t('catalogueImport.message')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.errors.map((e) => (
                <Table.Tr key={`${e.sheet}:${e.row}:${e.column}:${e.path}:${e.message.vi}`}>
                  <Table.Td>{e.sheet ?? 'JSON'}</Table.Td>
                  <Table.Td>{e.row || '—'}</Table.Td>
                  <Table.Td>{e.column ?? e.path}</Table.Td>
                  <Table.Td>{label(e.message)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {report.valid && (report.created.length > 0 || report.updated.length > 0) && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="catalogue-import-plan">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('catalogue.name')}</Table.Th>
                <Table.Th scope="col">{t('catalogueImport.action')}</Table.Th>
                <Table.Th scope="col">{t('catalogue.whatChanged')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.created.map((c) => (
                <Table.Tr key={c.procedureId}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>
                    <Badge color="teal" variant="light" w="max-content">
                      {t('catalogueImport.actions.create')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{t('catalogue.firstVersion')}</Table.Td>
                </Table.Tr>
              ))}
              {report.updated.map((u) => (
                <Table.Tr key={u.procedureId}>
                  <Table.Td>
                    {report.imported ? (
                      <Anchor component={Link} to={`/quan-tri/thu-tuc/${u.procedureId}`}>
                        {u.name}
                      </Anchor>
                    ) : (
                      u.name
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color="blue" variant="light" w="max-content">
                      {t('catalogueImport.actions.update', { from: u.fromVersion, to: u.toVersion })}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <ChangeList changes={u.changes} />
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
