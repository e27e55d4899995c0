import { Anchor, NavLink, Select, Stack, Text } from '@mantine/core';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { foldedFilter } from '../../lib/foldedFilter';
import { useSession } from '../auth/session';
import { grantedProvinces, holdsAnywhere, isAdmin } from './access';
import { type CurrentCommune, useCommuneInfo, useCurrentCommune } from './communes';

interface WorkItem {
  to: string;
  label: ParseKeys;
  /** Path prefixes that belong to the item's section. */
  section: string[];
}

const COMMUNE_SECTION =
  /^\/(lam-viec|ho-so|to-chuc|phan-cong|xep-hang|ky-hop|van-hanh|xu-ly-phan-anh)\/\d{5}/;

/** The same section for another commune: /to-chuc/18100/can-bo → /to-chuc/18754/can-bo. */
export function switchPath(pathname: string, code: string): string {
  if (COMMUNE_SECTION.test(pathname)) return pathname.replace(/^\/([a-z-]+)\/\d{5}/, `/$1/${code}`);
  if (pathname === '/nhat-ky') return `/nhat-ky?xa=${code}`;
  return `/lam-viec/${code}`;
}

function useWorkItems(code: string | null): WorkItem[] {
  const user = useSession().data;
  const items: WorkItem[] = [];
  if (!user) return items;
  if (code) {
    items.push({ to: `/lam-viec/${code}`, label: 'work.nav.overview', section: ['/lam-viec'] });
    if (holdsAnywhere(user, 'dossier.read'))
      items.push(
        {
          to: `/ho-so/${code}/tong-quan`,
          label: 'work.nav.dashboard',
          section: [`/ho-so/${code}/tong-quan`],
        },
        { to: `/ho-so/${code}`, label: 'work.nav.dossiers', section: ['/ho-so/'] },
      );
    if (holdsAnywhere(user, 'dossier.intake'))
      items.push({
        to: `/ho-so/${code}/tiep-nhan`,
        label: 'work.nav.intake',
        section: [`/ho-so/${code}/tiep-nhan`],
      });
    if (holdsAnywhere(user, 'queue.serve'))
      items.push(
        {
          to: `/xep-hang/${code}/quay`,
          label: 'work.nav.ticketConsole',
          section: [`/xep-hang/${code}/quay`],
        },
        // The hall display is a page of its own (full screen, no menu), opened on the waiting room's screen.
        { to: `/xep-hang/${code}/man-hinh`, label: 'work.nav.hallDisplay', section: [] },
      );
    if (holdsAnywhere(user, 'org.read'))
      items.push({ to: `/to-chuc/${code}`, label: 'work.nav.org', section: ['/to-chuc/', '/can-bo/'] });
    if (holdsAnywhere(user, 'assignment.read'))
      items.push({
        to: `/phan-cong/${code}`,
        label: 'work.nav.assignment',
        section: ['/phan-cong/', '/thong-bao/'],
      });
    if (holdsAnywhere(user, 'meeting.read'))
      items.push({ to: `/ky-hop/${code}`, label: 'meetings.nav.meetings', section: ['/ky-hop/', '/hop/'] });
    if (holdsAnywhere(user, 'campaign.read'))
      items.push({ to: `/van-hanh/${code}`, label: 'campaign.nav.commune', section: ['/van-hanh/'] });
    if (holdsAnywhere(user, 'feedback.read'))
      items.push({
        to: `/xu-ly-phan-anh/${code}`,
        label: 'feedbackStaff.nav.queue',
        section: ['/xu-ly-phan-anh/'],
      });
  } else {
    items.push({ to: '/lam-viec', label: 'work.nav.choose', section: ['/lam-viec'] });
  }
  if (holdsAnywhere(user, 'meeting.participate'))
    items.push({ to: '/hop-cua-toi', label: 'meetings.nav.mine', section: ['/hop-cua-toi'] });
  if (holdsAnywhere(user, 'campaign.read'))
    for (const province of grantedProvinces(user))
      items.push({
        to: `/tinh/${province}/van-hanh`,
        label: 'campaign.nav.province',
        section: [`/tinh/${province}/van-hanh`],
      });
  if (holdsAnywhere(user, 'feedback.province'))
    for (const province of grantedProvinces(user))
      items.push({
        to: `/tinh/${province}/phan-anh`,
        label: 'feedbackStaff.nav.province',
        section: [`/tinh/${province}/phan-anh`],
      });
  if (holdsAnywhere(user, 'audit.read'))
    items.push({
      to: code ? `/nhat-ky?xa=${code}` : '/nhat-ky',
      label: 'work.nav.audit',
      section: ['/nhat-ky'],
    });
  if (holdsAnywhere(user, 'notifications.read'))
    items.push({
      to: '/quan-tri/thong-bao-gui',
      label: 'notifications.nav.outbox',
      section: ['/quan-tri/thong-bao-gui'],
    });
  if (isAdmin(user))
    items.push(
      { to: '/quan-tri/tai-khoan', label: 'work.nav.accounts', section: ['/quan-tri/tai-khoan'] },
      { to: '/quan-tri/thu-tuc', label: 'work.nav.catalogue', section: ['/quan-tri/thu-tuc'] },
    );
  items.push({ to: '/ma-truy-cap-api', label: 'apiTokens.nav', section: ['/ma-truy-cap-api'] });
  items.push({ to: '/doi-mat-khau', label: 'work.nav.password', section: ['/doi-mat-khau'] });
  return items;
}

const match = (item: WorkItem, pathname: string) =>
  Math.max(-1, ...item.section.filter((p) => pathname.startsWith(p)).map((p) => p.length));

/** The item whose section matches the path most closely (the intake page is inside the dossiers section). */
const isIn = (item: WorkItem, pathname: string, items: WorkItem[]) => {
  const mine = match(item, pathname);
  return mine >= 0 && items.every((other) => match(other, pathname) <= mine);
};

interface WorkspaceNavProps {
  onNavigate?: () => void;
  /** False inside an element that is already the navigation landmark (the desktop side bar). */
  landmark?: boolean;
}

/** The signed-in user's menu: the commune they work in, then what they may do there. */
export function WorkspaceNav({ onNavigate, landmark = true }: WorkspaceNavProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = useCurrentCommune();
  const items = useWorkItems(current.code);
  return (
    <Stack gap="sm">
      <CommuneSwitcher current={current} onNavigate={onNavigate} />
      <Stack
        component={landmark ? 'nav' : 'div'}
        aria-label={landmark ? t('work.nav.label') : undefined}
        gap={2}
        data-testid="work-nav"
      >
        {items.map((item) => {
          const active = isIn(item, pathname, items);
          return (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={t(item.label)}
              active={active}
              aria-current={active ? 'page' : undefined}
              onClick={onNavigate}
            />
          );
        })}
      </Stack>
    </Stack>
  );
}

function CommuneSwitcher({ current, onNavigate }: { current: CurrentCommune; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { mine, code } = current;
  const named = useCommuneInfo(mine.any && !current.commune ? code : null);

  if (mine.communes.length > 1) {
    return (
      <Select
        label={t('work.switcher.label')}
        data={mine.communes.map((c) => ({ value: c.code, label: c.name }))}
        value={code}
        searchable
        allowDeselect={false}
        nothingFoundMessage={t('work.switcher.none')}
        filter={foldedFilter}
        onChange={(value) => {
          if (!value || value === code) return;
          onNavigate?.();
          void navigate(switchPath(pathname, value));
        }}
        data-testid="commune-switcher"
      />
    );
  }
  const name = current.commune?.name ?? named.data?.name ?? code;
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {t('work.switcher.label')}
      </Text>
      <Text fw={600} data-testid="current-commune">
        {name ?? t('work.switcher.noneChosen')}
      </Text>
      {mine.any && code && (
        <Anchor component={Link} to="/lam-viec" size="sm" onClick={onNavigate}>
          {t('work.switcher.chooseOther')}
        </Anchor>
      )}
    </Stack>
  );
}
