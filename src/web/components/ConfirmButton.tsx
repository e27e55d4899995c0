import { Button, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmButtonProps {
  /** Accessible name of the button (says what is deleted). */
  label: string;
  title: string;
  message: ReactNode;
  loading?: boolean;
  onConfirm: () => void;
  /** The button's text (default "Xóa"), the confirming button's (default "Xóa" too), its look (default subtle). */
  button?: string;
  confirm?: string;
  variant?: 'subtle' | 'light';
}

/** A destructive button (delete, revoke) that asks first. */
export function ConfirmButton({
  label,
  title,
  message,
  loading,
  onConfirm,
  button,
  confirm,
  variant = 'subtle',
}: ConfirmButtonProps) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant={variant} color="red" size="xs" aria-label={label} onClick={open} loading={loading}>
        {button ?? t('common.delete')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={title}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text size="sm" mb="md">
          {message}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirm ?? t('common.confirmDelete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
