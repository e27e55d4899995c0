import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Announcement } from '../../../common/api/org';
import { formatDate } from '../../lib/dates';
import type { Section } from '../workspace/CommuneHeader';
import { pdfUrl, type Summary } from './api';

/** The pages of "Phân công nhiệm vụ" for a commune. */
export function assignSections(code: string): Section[] {
  return [
    { to: `/phan-cong/${code}`, label: 'assign.tabs.current' },
    { to: `/phan-cong/${code}/ai-phu-trach`, label: 'assign.tabs.who' },
    { to: `/phan-cong/${code}/khoi-luong`, label: 'assign.tabs.workload' },
  ];
}

const STATUS_COLORS = { draft: 'orange', issued: 'teal', superseded: 'gray' } as const;

/** Dự thảo / Đang có hiệu lực / Đã được thay thế. */
export function AnnouncementStatusBadge({ status }: { status: Announcement['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" w="max-content" data-testid="announcement-status">
      {t(`assign.status.${status}`)}
    </Badge>
  );
}

/** "Bản in (PDF)": the PDF in a new tab, to read or print. */
export function PdfButton({ id, draft = false }: { id: string; draft?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button
      component="a"
      href={pdfUrl(id)}
      target="_blank"
      rel="noopener"
      variant="default"
      aria-label={draft ? t('assign.pdfDraftAria') : t('assign.pdfAria')}
    >
      {draft ? t('assign.pdfDraft') : t('assign.pdf')}
    </Button>
  );
}

function Person({ person }: { person: { id: string; fullName: string } | null }) {
  if (!person) return <Text span>—</Text>;
  return (
    <Anchor component={Link} to={`/can-bo/${person.id}`}>
      {person.fullName}
    </Anchor>
  );
}

/** The announcement's table: area → official in charge, deputy, duties. */
export function ItemsTable({ items }: { items: Announcement['items'] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text>{t('assign.noItems')}</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped data-testid="assignment-items">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('assign.area')}</Table.Th>
            <Table.Th scope="col">{t('assign.inCharge')}</Table.Th>
            <Table.Th scope="col">{t('assign.deputy')}</Table.Th>
            <Table.Th scope="col">{t('assign.duties')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.areaCode} data-testid={`item-${i.areaCode}`}>
              <Table.Th scope="row" fw={500}>
                {i.label}
              </Table.Th>
              <Table.Td>
                <Person person={i.inCharge} />
              </Table.Td>
              <Table.Td>
                <Person person={i.deputy} />
              </Table.Td>
              <Table.Td>{i.duties}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** "Ban hành ngày 20/06/2025 · Người ký: …", or "Dự thảo, phiên bản 2". */
export function AnnouncementMeta({ announcement: a }: { announcement: Announcement | Summary }) {
  const { t } = useTranslation();
  if (a.status === 'draft') return <Text size="sm">{t('assign.draftMeta', { version: a.version })}</Text>;
  return (
    <Text size="sm">
      {t('assign.issuedMeta', {
        date: formatDate(a.issuedOn ?? ''),
        signer: a.signer ? `${a.signer.fullName} (${a.signer.title.replace(/\n/g, ' / ')})` : '—',
      })}
    </Text>
  );
}
