import { Anchor, Button, Group, Stack, Title } from '@mantine/core';
import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useCommuneInfo } from './communes';

export interface Section {
  to: string;
  label: ParseKeys;
}

interface CommuneHeaderProps {
  communeCode: string;
  title: string;
  /** The section's pages (shown as a row of links, the current one marked). */
  sections?: Section[];
  /** Buttons on the right of the title. */
  actions?: ReactNode;
}

/** "Phường Trần Phú · Hà Tĩnh" over the page title, then the section's pages. */
export function CommuneHeader({ communeCode, title, sections, actions }: CommuneHeaderProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const commune = useCommuneInfo(communeCode);
  const name = commune.data ? `${commune.data.name} · ${commune.data.province.name}` : communeCode;
  return (
    <Stack gap="xs">
      <Anchor component={Link} to={`/lam-viec/${communeCode}`} size="sm" data-testid="commune-name">
        {name}
      </Anchor>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={1}>{title}</Title>
        {actions && (
          <Group gap="xs" wrap="wrap">
            {actions}
          </Group>
        )}
      </Group>
      {sections && sections.length > 1 && (
        <Group component="nav" aria-label={t('work.sections', { title })} gap={4} mt={4}>
          {sections.map((s) => {
            const active = pathname === s.to;
            return (
              <Button
                key={s.to}
                component={Link}
                to={s.to}
                size="sm"
                variant={active ? 'light' : 'subtle'}
                aria-current={active ? 'page' : undefined}
              >
                {t(s.label)}
              </Button>
            );
          })}
        </Group>
      )}
    </Stack>
  );
}
