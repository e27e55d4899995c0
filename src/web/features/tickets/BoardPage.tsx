import { Badge, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { BoardCall } from '../../../common/api/tickets';
import { usePageTitle } from '../../components/usePageTitle';
import { useEventStream } from '../../lib/useEventStream';
import { announce, unlockSound } from './announce';
import { type BoardView, eventsUrl, fetchBoard } from './api';
import { localClock, spokenCall } from './format';
import classes from './tickets.module.css';

const SHOWN_CALLS = 6;

/** Newest first; a recall of a ticket replaces its earlier line. */
function withCall(calls: BoardCall[], call: BoardCall): BoardCall[] {
  return [call, ...calls.filter((c) => c.ticketId !== call.ticketId)].slice(0, 8);
}

/**
 * /xep-hang/:communeCode/man-hinh — the hall display: the number just called and its counter in very large
 * type, the calls before it, how many wait per service; live from the server's event stream, with a chime and the
 * call read aloud once sound is turned on.
 */
export function BoardPage() {
  const { t } = useTranslation();
  usePageTitle(t('tickets.board.title'));
  const { communeCode = '' } = useParams();
  const [board, setBoard] = useState<BoardView | null>(null);
  const [sound, setSound] = useState(false);
  const [flashKey, setFlashKey] = useState('');
  const soundRef = useRef(sound);
  soundRef.current = sound;
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 10_000);
    return () => clearInterval(timer);
  }, []);

  const refresh = useCallback(() => {
    fetchBoard(communeCode).then(setBoard, () => {});
  }, [communeCode]);

  const { connected } = useEventStream(/^\d{5}$/.test(communeCode) ? eventsUrl(communeCode) : null, {
    snapshot: (data) => setBoard(data as BoardView),
    'ticket.called': (data) => {
      const call = data as BoardCall;
      setBoard((b) => (b ? { ...b, calls: withCall(b.calls, call) } : b));
      setFlashKey(`${call.ticketId}:${call.recalls}`);
      if (soundRef.current) announce(spokenCall(call.number, call.counterNumber));
      refresh();
    },
    'ticket.issued': () => refresh(),
    'ticket.closed': () => refresh(),
  });

  const [current, ...earlier] = board?.calls ?? [];
  return (
    <main className={classes.board} data-testid="board">
      <Group justify="space-between" align="center" wrap="nowrap">
        <Stack gap={0}>
          <Title order={1} fz="2.2rem" c="white">
            {board ? t('tickets.kiosk.centre', { commune: board.communeName }) : t('tickets.board.title')}
          </Title>
          <Text fz="1.4rem" c="gray.4">
            {t('tickets.board.subtitle')}
          </Text>
        </Stack>
        <Group gap="md" wrap="nowrap">
          {!connected && (
            <Badge color="red" size="xl" data-testid="board-offline">
              {t('tickets.board.offline')}
            </Badge>
          )}
          {!sound && (
            <Button
              size="lg"
              color="yellow"
              c="dark"
              onClick={() => setSound(unlockSound())}
              data-testid="board-sound"
            >
              {t('tickets.board.enableSound')}
            </Button>
          )}
          <Text fz="2.4rem" fw={700}>
            {localClock(now.toISOString())}
          </Text>
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <div
            key={flashKey}
            className={`${classes.boardCurrent} ${flashKey ? classes.boardFlash : ''}`}
            aria-live="assertive"
            data-testid="board-current"
          >
            {current ? (
              <Stack gap="md" justify="center" h="100%">
                <Text fz="2.2rem">{t('tickets.board.invite')}</Text>
                <div className={classes.boardNumber} data-testid="board-number">
                  {current.number}
                </div>
                <div className={classes.boardCounter} data-testid="board-counter">
                  {t('tickets.board.toCounter', { n: current.counterNumber })}
                </div>
                <Text fz="1.6rem" c="gray.3">
                  {current.groupName}
                  {current.priority ? ` · ${t('tickets.board.priority')}` : ''}
                </Text>
              </Stack>
            ) : (
              <Text fz="2.4rem" py="xl">
                {t('tickets.board.none')}
              </Text>
            )}
          </div>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="xs">
            <Text fz="1.8rem" fw={700}>
              {t('tickets.board.recent')}
            </Text>
            {earlier.slice(0, SHOWN_CALLS).map((c) => (
              <div key={c.ticketId} className={classes.boardRow} data-testid="board-recent">
                <span style={{ fontWeight: 700 }}>{c.number}</span>
                <span>{t('tickets.board.counterShort', { n: c.counterNumber })}</span>
                <span style={{ color: '#adb5bd' }}>{localClock(c.calledAt)}</span>
              </div>
            ))}
            {earlier.length === 0 && <Text c="gray.4">—</Text>}
          </Stack>
        </Grid.Col>
      </Grid>
      <Group gap="xl" justify="center">
        {board?.waiting.map((w) => (
          <Text key={w.groupId} fz="1.6rem">
            <strong>
              {w.letter} — {w.name}:
            </strong>{' '}
            {t('tickets.board.waiting', { n: w.waiting })}
          </Text>
        ))}
      </Group>
    </main>
  );
}
