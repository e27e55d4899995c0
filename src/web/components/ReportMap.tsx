/**
 * A map of located feedback reports (Leaflet). The tile source comes from the server (GET /api/v1/public/map-tiles);
 * with none configured the points are drawn on a plain background with a note, and the list below the map says the
 * same thing in words, so the page works without tiles (and without seeing the map at all). In pick mode a tap or a
 * click sets one point (the submission form's place), and "my location" asks the phone for it.
 */
import 'leaflet/dist/leaflet.css';
import { Anchor, Button, Group, List, Paper, Stack, Text } from '@mantine/core';
import type { LatLngBoundsExpression, LatLngExpression, Map as LeafletMap } from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, MapContainer, Popup, TileLayer, useMap, useMapEvents } from 'react-leaflet';
import { Link } from 'react-router';
import { VIETNAM_BOUNDS } from '../../common/api/feedback';
import { useMapTiles } from '../features/feedback/public-api';

export interface ReportMapPoint {
  code: string;
  title: string;
  state: string;
  latitude: number;
  longitude: number;
  categoryName?: string;
}

export interface PickedPoint {
  latitude: number;
  longitude: number;
}

interface ReportMapProps {
  points?: ReportMapPoint[];
  /** The label of a state ("Đã trả lời"); the code itself when absent. */
  stateLabel?: (state: string) => string;
  /** Where a point's code leads (e.g. the public list filtered on it); no link when absent. */
  linkOf?: (code: string) => string;
  /** Pick mode: the chosen point, and what a tap or a click sets. */
  picked?: PickedPoint | null;
  onPick?: (point: PickedPoint | null) => void;
  height?: number;
  /** Hide the list of points below the map (e.g. when the page lists them itself). */
  hideList?: boolean;
}

const CENTRE: LatLngExpression = [16.0, 106.0];
const LIMITS: LatLngBoundsExpression = [
  [VIETNAM_BOUNDS.minLat - 1, VIETNAM_BOUNDS.minLng - 1],
  [VIETNAM_BOUNDS.maxLat + 1, VIETNAM_BOUNDS.maxLng + 1],
];

const STATE_COLOURS: Record<string, string> = {
  answered: '#2b8a3e',
  closed: '#495057',
  rejected: '#868e96',
  merged: '#868e96',
  reopened: '#e8590c',
  escalated: '#c92a2a',
};

export const insideVietnam = (p: PickedPoint) =>
  p.latitude >= VIETNAM_BOUNDS.minLat &&
  p.latitude <= VIETNAM_BOUNDS.maxLat &&
  p.longitude >= VIETNAM_BOUNDS.minLng &&
  p.longitude <= VIETNAM_BOUNDS.maxLng;

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** Sets the point where the map is tapped or clicked (pick mode only). */
function PickHandler({ onPick }: { onPick: (p: PickedPoint) => void }) {
  useMapEvents({
    click: (e) => onPick({ latitude: round(e.latlng.lat), longitude: round(e.latlng.lng) }),
  });
  return null;
}

/** Brings the points (or the picked point) into view when they change. */
function FitView({ points, picked }: { points: ReportMapPoint[]; picked: PickedPoint | null }) {
  const map = useMap();
  const key = points.map((p) => `${p.latitude},${p.longitude}`).join(';');
  // biome-ignore lint/correctness/useExhaustiveDependencies: refit only when the set of points changes
  useEffect(() => {
    if (points.length === 1) map.setView([points[0]!.latitude, points[0]!.longitude], 15);
    else if (points.length > 1)
      map.fitBounds(
        points.map((p) => [p.latitude, p.longitude] as [number, number]),
        { padding: [24, 24], maxZoom: 16 },
      );
  }, [key, map]);
  useEffect(() => {
    if (picked && !map.getBounds().contains([picked.latitude, picked.longitude]))
      map.setView([picked.latitude, picked.longitude], Math.max(map.getZoom(), 15));
  }, [picked, map]);
  return null;
}

export function ReportMap({
  points = [],
  stateLabel = (s) => s,
  linkOf,
  picked = null,
  onPick,
  height = 360,
  hideList = false,
}: ReportMapProps) {
  const { t } = useTranslation();
  const tiles = useMapTiles();
  const [map, setMap] = useState<LeafletMap | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed' | 'outside'>('idle');
  const tileUrl = tiles.data?.url ?? null;
  const located = useMemo(
    () => points.filter((p) => Number.isFinite(p.latitude) && Number.isFinite(p.longitude)),
    [points],
  );

  const locate = () => {
    if (!onPick || !navigator.geolocation) {
      setLocating('failed');
      return;
    }
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const p = { latitude: round(pos.coords.latitude), longitude: round(pos.coords.longitude) };
        if (!insideVietnam(p)) {
          setLocating('outside');
          return;
        }
        setLocating('idle');
        onPick(p);
        map?.setView([p.latitude, p.longitude], 16);
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  return (
    <Stack gap="xs" data-testid="report-map">
      {onPick && (
        <Text size="sm" c="dimmed">
          {t('feedbackPublic.map.pickHint')}
        </Text>
      )}
      <div
        style={{
          height,
          width: '100%',
          borderRadius: 8,
          overflow: 'hidden',
          border: '1px solid var(--mantine-color-gray-4)',
          background: 'var(--mantine-color-gray-1)',
          // A tap on the map on a phone picks; the page itself still scrolls with two fingers or beside the map.
          touchAction: onPick ? 'pinch-zoom' : undefined,
        }}
      >
        <MapContainer
          center={CENTRE}
          zoom={5}
          minZoom={5}
          maxZoom={18}
          maxBounds={LIMITS}
          scrollWheelZoom={false}
          ref={setMap}
          style={{ height: '100%', width: '100%', background: 'var(--mantine-color-gray-1)' }}
          attributionControl={!!tileUrl}
        >
          {tileUrl && <TileLayer url={tileUrl} attribution={tiles.data?.attribution ?? undefined} />}
          <FitView points={located} picked={picked} />
          {onPick && <PickHandler onPick={onPick} />}
          {located.map((p) => (
            <CircleMarker
              key={p.code}
              center={[p.latitude, p.longitude]}
              radius={8}
              pathOptions={{
                color: '#fff',
                weight: 2,
                fillColor: STATE_COLOURS[p.state] ?? '#1971c2',
                fillOpacity: 0.9,
              }}
            >
              <Popup>
                <strong>{p.code}</strong>
                <br />
                {p.title}
                <br />
                {stateLabel(p.state)}
                {linkOf && (
                  <>
                    <br />
                    <Link to={linkOf(p.code)}>{t('feedbackPublic.map.open')}</Link>
                  </>
                )}
              </Popup>
            </CircleMarker>
          ))}
          {picked && (
            <CircleMarker
              center={[picked.latitude, picked.longitude]}
              radius={10}
              pathOptions={{ color: '#c92a2a', weight: 3, fillColor: '#fa5252', fillOpacity: 0.8 }}
            />
          )}
        </MapContainer>
      </div>
      {tiles.isSuccess && !tileUrl && (
        <Text size="xs" c="dimmed" data-testid="report-map-no-tiles">
          {onPick ? t('feedbackPublic.map.noTilesPick') : t('feedbackPublic.map.noTiles')}
        </Text>
      )}
      {onPick && (
        <Group gap="xs" wrap="wrap">
          <Button size="xs" variant="light" onClick={locate} loading={locating === 'busy'}>
            {t('feedbackPublic.map.myLocation')}
          </Button>
          {picked && (
            <>
              <Text size="sm" data-testid="report-map-picked">
                {t('feedbackPublic.map.picked', {
                  lat: picked.latitude.toFixed(5),
                  lng: picked.longitude.toFixed(5),
                })}
              </Text>
              <Button size="xs" variant="subtle" color="red" onClick={() => onPick(null)}>
                {t('feedbackPublic.map.clear')}
              </Button>
            </>
          )}
          {locating === 'failed' && (
            <Text size="sm" c="orange" role="alert">
              {t('feedbackPublic.map.locateFailed')}
            </Text>
          )}
          {locating === 'outside' && (
            <Text size="sm" c="orange" role="alert">
              {t('feedbackPublic.map.outside')}
            </Text>
          )}
        </Group>
      )}
      {!hideList && !onPick && (
        <Paper withBorder p="sm">
          {located.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="report-map-empty">
              {t('feedbackPublic.map.none')}
            </Text>
          ) : (
            <List size="sm" spacing={4} data-testid="report-map-list">
              {located.map((p) => (
                <List.Item key={p.code}>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {linkOf ? (
                      <Anchor component={Link} to={linkOf(p.code)} fw={600}>
                        {p.code}
                      </Anchor>
                    ) : (
                      <strong>{p.code}</strong>
                    )}{' '}
                    — {p.title} · {stateLabel(p.state)}
                    {p.categoryName ? ` · ${p.categoryName}` : ''}
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </Paper>
      )}
    </Stack>
  );
}
