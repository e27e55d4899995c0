import {
  Anchor,
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  PROCEDURE_DOMAIN_LABELS,
  PROCEDURE_DOMAINS,
  type ProcedureDomain,
} from '../../../common/api/procedures';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { useSession } from '../auth/session';
import { useFeeText, useLabel, useTimeLimitText } from '../dossiers/labels';
import { isAdmin } from '../workspace/access';
import { PageError } from '../workspace/PageError';
import { Refusal } from '../workspace/Refusal';
import { EXPORT_JSON, EXPORT_XLSX, type ProcedureSummary, useCatalogue } from './api';
import { matchesSearch } from './search';

/** Links to download the catalogue as XLSX (to edit in Excel and import again) and JSON. */
export function ExportButtons() {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Button component="a" href={EXPORT_XLSX} download variant="default">
        {t('catalogue.exportXlsx')}
      </Button>
      <Button component="a" href={EXPORT_JSON} download variant="default">
        {t('catalogue.exportJson')}
      </Button>
    </Group>
  );
}

export function ConfirmedBadge({ confirmed }: { confirmed: ProcedureSummary['confirmed'] }) {
  const { t } = useTranslation();
  const badge = (
    <Badge variant="light" color={confirmed.status === 'confirmed' ? 'green' : 'yellow'} w="max-content">
      {t(`catalogue.confirmed.${confirmed.status}`)}
    </Badge>
  );
  return confirmed.note ? (
    <Tooltip label={confirmed.note} multiline w={320}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

/** /quan-tri/thu-tuc — the procedure catalogue for the administrator: search, domain, open, import, export. */
export function ProceduresPage() {
  const { t } = useTranslation();
  usePageTitle(t('catalogue.title'));
  const user = useSession().data;
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const domain = (params.get('linh-vuc') as ProcedureDomain | null) ?? null;
  const list = useCatalogue();
  const label = useLabel();

  if (!isAdmin(user)) return <Refusal />;
  if (list.isError) return <PageError error={list.error} onRetry={() => void list.refetch()} />;
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const items = (list.data?.items ?? []).filter(
    (p) => matchesSearch(p, q) && (!domain || p.domain === domain),
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('catalogue.title')}</Title>
        <Group gap="xs">
          <Button component={Link} to="/quan-tri/thu-tuc/nhap">
            {t('catalogue.import')}
          </Button>
          <ExportButtons />
        </Group>
      </Group>
      <Text>{t('catalogue.intro')}</Text>
      <Group align="flex-end">
        <TextInput
          label={t('catalogue.search')}
          description={t('catalogue.searchHint')}
          type="search"
          value={q}
          onChange={(e) => set('q', e.currentTarget.value)}
          spellCheck={false}
          autoComplete="off"
          w={360}
        />
        <Select
          label={t('catalogue.domain')}
          placeholder={t('catalogue.allDomains')}
          data={PROCEDURE_DOMAINS.map((d) => ({ value: d, label: label(PROCEDURE_DOMAIN_LABELS[d]) }))}
          value={domain}
          onChange={(v) => set('linh-vuc', v)}
          clearable
          w={240}
        />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text role="status">{t('catalogue.none')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status">
            {t('catalogue.count', { count: items.length })}
          </Text>
          <CatalogueTable items={items} />
        </>
      )}
    </Stack>
  );
}

function CatalogueTable({ items }: { items: ProcedureSummary[] }) {
  const { t } = useTranslation();
  const label = useLabel();
  const feeText = useFeeText();
  const limitText = useTimeLimitText();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover data-testid="catalogue">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('common.code')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.name')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.domain')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.timeLimit')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.fee')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.version')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.confirmation')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {p.nationalCode ?? '—'}
                </Text>
              </Table.Td>
              <Table.Th scope="row" fw={400}>
                <Anchor component={Link} to={`/quan-tri/thu-tuc/${p.id}`}>
                  {p.name}
                </Anchor>
                {p.fullyOnline && (
                  <Badge ml="xs" variant="outline" size="sm">
                    {t('catalogue.online')}
                  </Badge>
                )}
                {p.outsideWorkflow && (
                  <Badge ml="xs" color="orange" variant="light" size="sm" title={p.outsideWorkflow.note}>
                    {t('catalogue.outsideWorkflow', { agency: p.outsideWorkflow.agency })}
                  </Badge>
                )}
              </Table.Th>
              <Table.Td>{label(PROCEDURE_DOMAIN_LABELS[p.domain])}</Table.Td>
              <Table.Td>{limitText(p.timeLimit)}</Table.Td>
              <Table.Td>{feeText(p.fee)}</Table.Td>
              <Table.Td>{p.version}</Table.Td>
              <Table.Td>
                <ConfirmedBadge confirmed={p.confirmed} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
