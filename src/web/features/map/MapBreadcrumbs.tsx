import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

interface Crumb {
  label: string;
  to?: string;
}

/** "Bản đồ hành chính › Hà Tĩnh › Phường Trần Phú"; the last crumb is the current page. */
export function MapBreadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useTranslation();
  const all: Crumb[] = [{ label: t('map.title'), to: '/ban-do' }, ...items];
  return (
    <nav aria-label={t('map.breadcrumbs')}>
      <Breadcrumbs separatorMargin={6} style={{ flexWrap: 'wrap' }}>
        {all.map((c, i) =>
          c.to && i < all.length - 1 ? (
            <Anchor key={c.to} component={Link} to={c.to} size="sm">
              {c.label}
            </Anchor>
          ) : (
            <Text key={c.label} size="sm" aria-current="page">
              {c.label}
            </Text>
          ),
        )}
      </Breadcrumbs>
    </nav>
  );
}
