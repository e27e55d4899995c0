import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { foldVietnamese } from '../../../common/text';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { useSession } from '../auth/session';
import { FilterInput } from '../map/FilterInput';
import { holdsIn } from '../workspace/access';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { PageError } from '../workspace/PageError';
import { type OrgNode, useActivateCommune, useOrgChart } from './api';
import classes from './org.module.css';
import { orgSections } from './sections';

interface TreeNode {
  node: OrgNode;
  children: TreeNode[];
}

/** The flat list (tree order, parents first) as a tree, keeping only what matches the filter and its parents. */
function buildTree(items: OrgNode[], filter: string): TreeNode[] {
  const needle = foldVietnamese(filter);
  const byId = new Map<string, TreeNode>();
  const roots: TreeNode[] = [];
  for (const node of items) {
    const t: TreeNode = { node, children: [] };
    byId.set(node.id, t);
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(t);
  }
  if (!needle) return roots;
  const matches = (n: OrgNode) =>
    foldVietnamese(n.name).includes(needle) ||
    n.holders.some((h) => foldVietnamese(`${h.fullName} ${h.title}`).includes(needle));
  const prune = (list: TreeNode[]): TreeNode[] =>
    list.flatMap((t) => {
      if (matches(t.node)) return [t];
      const children = prune(t.children);
      return children.length ? [{ ...t, children }] : [];
    });
  return prune(roots);
}

/** /to-chuc/:communeCode — the commune's bodies as a tree, with who holds which position today. */
export function OrgChartPage() {
  const { t } = useTranslation();
  const { communeCode = '' } = useParams();
  const user = useSession().data;
  const chart = useOrgChart(communeCode);
  const activate = useActivateCommune(communeCode);
  const [filter, setFilter] = useState('');
  const items = chart.data?.items;
  const tree = useMemo(() => buildTree(items ?? [], filter), [items, filter]);
  usePageTitle(t('org.chartTitle'));

  if (chart.isError)
    return <PageError error={chart.error} communeCode={communeCode} onRetry={() => void chart.refetch()} />;
  if (chart.isPending) return <Loading />;
  const canManage = holdsIn(user, 'org.manage', communeCode);

  return (
    <Stack gap="md">
      <CommuneHeader
        communeCode={communeCode}
        title={t('org.chartTitle')}
        sections={orgSections(communeCode, canManage)}
      />
      {chart.data.items.length === 0 ? (
        <Stack gap="sm">
          <Text>{t('org.notActivated')}</Text>
          {canManage && (
            <Button w="fit-content" loading={activate.isPending} onClick={() => activate.mutate()}>
              {t('org.activate')}
            </Button>
          )}
          {activate.isError && <ErrorAlert error={activate.error} />}
        </Stack>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('org.chartIntro')}
          </Text>
          <FilterInput label={t('org.chartFilter')} value={filter} onChange={setFilter} />
          {tree.length === 0 ? (
            <Alert color="gray">{t('map.noMatch', { q: filter })}</Alert>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }} data-testid="org-chart">
              {tree.map((root) => (
                <Paper key={root.node.id} withBorder p="md" component="section">
                  <ul className={classes.tree}>
                    <BodyItem tree={root} top />
                  </ul>
                </Paper>
              ))}
            </SimpleGrid>
          )}
        </>
      )}
    </Stack>
  );
}

function BodyItem({ tree, top = false }: { tree: TreeNode; top?: boolean }) {
  const { t } = useTranslation();
  const { node, children } = tree;
  return (
    <li className={classes.body}>
      <Group gap="xs" wrap="wrap">
        {top ? (
          <Title order={2} size="h4">
            {node.name}
          </Title>
        ) : (
          <Text fw={600}>{node.name}</Text>
        )}
        {node.shortName && node.shortName !== node.name && (
          <Badge variant="outline" color="gray">
            {node.shortName}
          </Badge>
        )}
      </Group>
      {node.holders.length > 0 ? (
        <ul className={classes.holders}>
          {node.holders.map((h) => (
            <li key={h.positionId}>
              <Text span size="sm">
                {`${h.title}: `}
              </Text>
              <Anchor component={Link} to={`/can-bo/${h.officialId}`} size="sm" fw={500}>
                {h.fullName}
              </Anchor>
              <Text span size="xs" c="dimmed">
                {` · ${t('org.since', { date: formatDate(h.startDate) })}`}
              </Text>
            </li>
          ))}
        </ul>
      ) : (
        !top && (
          <Text size="sm" c="dimmed">
            {t('org.noHolder')}
          </Text>
        )
      )}
      {children.length > 0 && (
        <ul className={classes.tree}>
          {children.map((c) => (
            <BodyItem key={c.node.id} tree={c} />
          ))}
        </ul>
      )}
    </li>
  );
}
