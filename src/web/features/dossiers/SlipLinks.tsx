import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlipKind } from '../../../common/api/dossiers';
import type { DossierView } from './api';

/** The PDF of a slip of a dossier; the guidance slip may carry what the officer asks the applicant to complete. */
export function slipHref(id: string, kind: SlipKind, items: readonly string[] = []): string {
  const query = items.map((i) => `items=${encodeURIComponent(i)}`).join('&');
  return `/api/v1/dossiers/${encodeURIComponent(id)}/slips/${kind}.pdf${query ? `?${query}` : ''}`;
}

/** One button per slip that fits the dossier's state (the server's `slips`), each opening its PDF. */
export function SlipLinks({ dossier: d }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const [guiding, setGuiding] = useState(false);
  return (
    <Group gap="xs" data-testid="slip-links">
      {d.slips.map((kind) =>
        kind === 'guidance' ? (
          <Button key={kind} variant="default" onClick={() => setGuiding(true)}>
            {t(`dossier.slips.${kind}`)}
          </Button>
        ) : (
          <Button
            key={kind}
            component="a"
            href={slipHref(d.id, kind)}
            target="_blank"
            rel="noopener"
            variant="default"
          >
            {t(`dossier.slips.${kind}`)}
          </Button>
        ),
      )}
      {guiding && <GuidanceDialog id={d.id} onClose={() => setGuiding(false)} />}
    </Group>
  );
}

/** What to complete in an online filing before intake, one line each, then the slip. */
function GuidanceDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const items = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    <Modal opened onClose={onClose} title={t('dossier.slips.guidance')} size="lg">
      <Stack>
        <Text size="sm">{t('dossier.slips.guidanceHint')}</Text>
        <Textarea
          label={t('dossier.slips.guidanceItems')}
          autosize
          minRows={3}
          maxRows={10}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('dossier.slips.cancel')}
          </Button>
          <Button
            component="a"
            href={slipHref(id, 'guidance', items)}
            target="_blank"
            rel="noopener"
            onClick={onClose}
            disabled={!items.length}
          >
            {t('dossier.slips.print')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
