import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Position } from '../../../common/api/org';
import { FormError, fieldError } from '../../components/FormError';
import { formatDate, todayInVietnam } from '../../lib/dates';
import { DateField } from '../calendar/DateField';
import { useEndPosition } from './api';

/** Ends a position held today, on a date the manager gives (today by default). */
export function EndPositionButton({ position }: { position: Position }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [endDate, setEndDate] = useState<string | null>(todayInVietnam());
  const [checked, setChecked] = useState(false);
  const end = useEndPosition();
  const tooEarly = !!endDate && endDate < position.startDate;

  const submit = () => {
    setChecked(true);
    if (!endDate || tooEarly) return;
    end.mutate({ positionId: position.id, endDate }, { onSuccess: close });
  };

  return (
    <>
      <Button
        variant="subtle"
        color="red"
        size="xs"
        onClick={() => {
          end.reset();
          setChecked(false);
          open();
        }}
        aria-label={t('official.endAria', { title: position.title })}
      >
        {t('official.end')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('official.endTitle', { title: position.title })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {t('official.endText', { body: position.bodyName, date: formatDate(position.startDate) })}
          </Text>
          <DateField
            label={t('official.endDate')}
            value={endDate}
            onChange={setEndDate}
            required
            data-autofocus
            error={
              (checked && !endDate ? t('calendar.invalidDate') : undefined) ??
              (tooEarly ? t('official.endBeforeStart') : undefined) ??
              fieldError(end.error, 'endDate')
            }
          />
          {end.isError && <FormError error={end.error} shown={(f) => f === 'body.endDate'} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={submit} loading={end.isPending}>
              {t('official.endConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
