/**
 * Sự cố của vận hành thử nghiệm: what broke (network, equipment, software, staffing, procedure), when, how bad,
 * who fixed it and when. An open incident of high or critical severity blocks the commune's go-live.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database';
import { campaignIncidents } from './schema';

export const INCIDENT_KINDS = ['network', 'equipment', 'software', 'staffing', 'procedure', 'other'] as const;
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Severities whose open incidents block go-live. */
export const BLOCKING_SEVERITIES: readonly IncidentSeverity[] = ['high', 'critical'];

/** Whether an incident blocks go-live: open, and high or critical. */
export function blocksGoLive(incident: { status: string; severity: string }): boolean {
  return incident.status === 'open' && (BLOCKING_SEVERITIES as readonly string[]).includes(incident.severity);
}

/** The commune's open high/critical incidents, oldest first (the go-live guard reads them). */
export async function openBlockingIncidents(
  db: DbOrTx,
  communeCode: string,
): Promise<{ id: string; title: string; severity: 'high' | 'critical' }[]> {
  const rows = await db
    .select({
      id: campaignIncidents.id,
      title: campaignIncidents.title,
      severity: campaignIncidents.severity,
    })
    .from(campaignIncidents)
    .where(
      and(
        eq(campaignIncidents.communeCode, communeCode),
        eq(campaignIncidents.status, 'open'),
        inArray(campaignIncidents.severity, [...BLOCKING_SEVERITIES]),
      ),
    )
    .orderBy(asc(campaignIncidents.occurredAt), asc(campaignIncidents.id));
  return rows.map((r) => ({ ...r, severity: r.severity as 'high' | 'critical' }));
}
