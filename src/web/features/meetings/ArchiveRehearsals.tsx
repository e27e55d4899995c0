import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useArchiveRehearsals } from './api';

/**
 * "Lưu trữ dữ liệu diễn tập" (the secretary, at go-live): asks first, saying what happens — every rehearsal meeting
 * of the commune is marked archived in one audited action, stays readable, leaves the lists unless asked for, and
 * can no longer change — then says how many were archived.
 */
export function ArchiveRehearsals({ communeCode }: { communeCode: string }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const archive = useArchiveRehearsals(communeCode);
  return (
    <>
      <Button
        variant="default"
        color="gray"
        onClick={() => {
          archive.reset();
          open();
        }}
        data-testid="archive-rehearsals"
      >
        {t('meetings.archive.button')}
      </Button>
      {archive.isSuccess && !opened && (
        <Text size="sm" c="green.8" role="status" data-testid="archive-done">
          {t('meetings.archive.done', { count: archive.data.archived })}
        </Text>
      )}
      <Modal
        opened={opened}
        onClose={close}
        title={t('meetings.archive.title')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('meetings.archive.intro')}</Text>
          <List size="sm" spacing={4}>
            <List.Item>{t('meetings.archive.readable')}</List.Item>
            <List.Item>{t('meetings.archive.hidden')}</List.Item>
            <List.Item>{t('meetings.archive.frozen')}</List.Item>
            <List.Item>{t('meetings.archive.audited')}</List.Item>
          </List>
          <Text size="sm" fw={600}>
            {t('meetings.archive.irreversible')}
          </Text>
          {archive.error && <ErrorAlert error={archive.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="orange"
              loading={archive.isPending}
              onClick={() => archive.mutate(undefined, { onSuccess: close })}
              data-testid="archive-confirm"
            >
              {t('meetings.archive.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
