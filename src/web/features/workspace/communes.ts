/**
 * The communes the signed-in user works in, and the one they are working in now: the commune in the URL when
 * they may use it, else the last one they opened (remembered per account), else their first.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { useMatches } from 'react-router';
import type { CommuneDetail, CommuneSummary } from '../../../common/api/units';
import { api } from '../../api/client';
import { type SessionUser, useSession } from '../auth/session';
import type { ProvinceHeader } from '../map/api';
import { grantedCommunes, grantedProvinces, isAdmin } from './access';

export interface WorkCommune {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
}

export interface MyCommunes {
  /** System administrators may open any commune (chosen on the workspace page). */
  any: boolean;
  communes: WorkCommune[];
  isPending: boolean;
}

/** The communes of the user's grants (their names from the public map) and of their provinces. */
export function useMyCommunes(user: SessionUser | null | undefined): MyCommunes {
  const communeCodes = grantedCommunes(user);
  const provinceCodes = grantedProvinces(user);
  const single = useQueries({
    queries: communeCodes.map((code) => ({
      queryKey: ['commune', code],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api<CommuneDetail>(`/api/v1/communes/${encodeURIComponent(code)}`, { signal }),
      staleTime: 60 * 60_000,
    })),
  });
  const provinces = useQueries({
    queries: provinceCodes.map((code) => ({
      queryKey: ['province-communes', code],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api<{ province: ProvinceHeader; items: CommuneSummary[] }>(
          `/api/v1/provinces/${encodeURIComponent(code)}/communes`,
          { signal },
        ),
      staleTime: 60 * 60_000,
    })),
  });
  const communes: WorkCommune[] = [];
  const seen = new Set<string>();
  const add = (c: WorkCommune) => {
    if (seen.has(c.code)) return;
    seen.add(c.code);
    communes.push(c);
  };
  single.forEach((q, i) => {
    const code = communeCodes[i]!;
    const d = q.data;
    add({
      code,
      name: d?.name ?? code,
      provinceCode: d?.province.code ?? '',
      provinceName: d?.province.name ?? '',
    });
  });
  for (const q of provinces) {
    const d = q.data;
    if (!d) continue;
    for (const c of d.items)
      add({ code: c.code, name: c.name, provinceCode: d.province.code, provinceName: d.province.name });
  }
  return {
    any: isAdmin(user),
    communes,
    isPending: [...single, ...provinces].some((q) => q.isPending),
  };
}

const listeners = new Set<() => void>();
const storageKey = (userId: string) => `xaso.commune.${userId}`;

function readRemembered(userId: string | undefined): string | null {
  if (!userId) return null;
  try {
    return window.localStorage.getItem(storageKey(userId));
  } catch {
    return null;
  }
}

function remember(userId: string, code: string) {
  try {
    window.localStorage.setItem(storageKey(userId), code);
  } catch {
    // Not remembered; the URL still carries the commune.
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The `:communeCode` of the page shown, if its route has one. */
export function useUrlCommune(): string | undefined {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const code = matches[i]?.params.communeCode;
    if (code) return code;
  }
  return undefined;
}

export interface CurrentCommune {
  code: string | null;
  /** Its name when known (the user's own communes; administrators see the code until the page names it). */
  commune: WorkCommune | null;
  mine: MyCommunes;
}

/** The commune the user is working in (for the menu and the switcher). */
export function useCurrentCommune(): CurrentCommune {
  const user = useSession().data;
  const mine = useMyCommunes(user);
  const urlCode = useUrlCommune();
  const remembered = useSyncExternalStore(subscribe, () => readRemembered(user?.id));
  const allowed = (code: string | null | undefined): code is string =>
    !!code && /^\d{5}$/.test(code) && (mine.any || mine.communes.some((c) => c.code === code));
  // A province officer is never put in a commune they did not open (it may not use XãSố): their own
  // communes' first, if any, else none until they choose one.
  const code = allowed(urlCode)
    ? urlCode
    : allowed(remembered)
      ? remembered
      : (grantedCommunes(user)[0] ?? null);
  const urlAllowed = allowed(urlCode);

  useEffect(() => {
    if (user && urlAllowed && urlCode && urlCode !== remembered) remember(user.id, urlCode);
  }, [user, urlAllowed, urlCode, remembered]);

  return { code, commune: mine.communes.find((c) => c.code === code) ?? null, mine };
}

/** Pages reached by a record id (an official, an announcement) remember the record's commune. */
export function useRememberCommune(code: string | undefined) {
  const user = useSession().data;
  useEffect(() => {
    if (user && code && readRemembered(user.id) !== code) remember(user.id, code);
  }, [user, code]);
}

/** A commune's public facts (name, province, former units), shared with the map pages' cache. */
export function useCommuneInfo(code: string | null | undefined) {
  return useQuery({
    queryKey: ['commune', code],
    queryFn: ({ signal }) =>
      api<CommuneDetail>(`/api/v1/communes/${encodeURIComponent(code ?? '')}`, { signal }),
    enabled: !!code && /^\d{5}$/.test(code),
    staleTime: 60 * 60_000,
  });
}
