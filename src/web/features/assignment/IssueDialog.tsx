import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Announcement } from '../../../common/api/org';
import { FormError, fieldError } from '../../components/FormError';
import { todayInVietnam } from '../../lib/dates';
import { DateField } from '../calendar/DateField';
import { OfficialSelect, type PersonOption } from '../org/OfficialSelect';
import {
  type DraftInput,
  type IssueInput,
  useAnnouncementHistory,
  useCurrentAnnouncement,
  useSuggestedNumber,
} from './api';

const ISSUE_FIELDS = ['body.number', 'body.issuedOn', 'body.signerId', 'body.signerTitle'];

/** "05/TB-UBND" → "06/TB-UBND": the example shown when the server's suggestion cannot be read. */
export function nextNumber(previous: string | null | undefined): string {
  const m = /^(\d+)(.*)$/.exec(previous ?? '');
  if (!m) return '01/TB-UBND';
  return `${String(Number(m[1]) + 1).padStart(m[1]!.length, '0')}${m[2]}`;
}

interface IssueDialogProps {
  announcement: Announcement;
  /** The areas' names in the draft's order, to say which area a problem is about. */
  itemLabels: string[];
  people: PersonOption[];
  /** Unsaved changes are saved before issuing. */
  dirty: boolean;
  save: () => Promise<Announcement>;
  update: UseMutationResult<Announcement, Error, DraftInput>;
  issue: UseMutationResult<Announcement, Error, IssueInput>;
}

/** "Ban hành": number, date and signer; the draft becomes the announcement in force, the old one is replaced. */
export function IssueDialog({
  announcement: a,
  itemLabels,
  people,
  dirty,
  save,
  update,
  issue,
}: IssueDialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const current = useCurrentAnnouncement(a.communeCode);
  const history = useAnnouncementHistory(a.communeCode);
  const [opened, { open, close }] = useDisclosure(false);
  const [number, setNumber] = useState('');
  const [issuedOn, setIssuedOn] = useState<string | null>(todayInVietnam());
  const [signerId, setSignerId] = useState<string | null>(null);
  const [signerTitle, setSignerTitle] = useState('');
  const [checked, setChecked] = useState(false);
  const lastNumber = history.data?.items.find((x) => x.status !== 'draft')?.number;
  // Left empty, the number field takes the next number of the series when issuing: the placeholder shows it.
  const suggested = useSuggestedNumber(a.communeCode, issuedOn, opened);
  const typed = number.trim();
  const numberTooShort = typed.length > 0 && typed.length < 4;
  const defaultSigner = current.data?.signer?.id;
  const signer = signerId ?? (people.some((p) => p.id === defaultSigner) ? (defaultSigner ?? null) : null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (numberTooShort || !issuedOn || !signer) return;
    try {
      if (dirty) await save();
      await issue.mutateAsync({
        ...(typed ? { number: typed } : {}),
        issuedOn,
        signerId: signer,
        ...(signerTitle.trim() ? { signerTitle: signerTitle.trim() } : {}),
      });
      close();
      void navigate(`/phan-cong/${a.communeCode}`);
    } catch {
      // The mutation's error is shown below (and on the draft's fields).
    }
  };

  return (
    <>
      <Button
        onClick={() => {
          issue.reset();
          setChecked(false);
          open();
        }}
      >
        {t('assign.issue')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('assign.issueTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('assign.issueText')}</Text>
            <TextInput
              label={t('assign.number')}
              placeholder={
                suggested.data?.number ??
                (suggested.isError
                  ? t('assign.numberExample', { example: nextNumber(lastNumber) })
                  : undefined)
              }
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
              maxLength={40}
              data-autofocus
              data-testid="issue-number"
              error={
                (checked && numberTooShort ? t('assign.numberRequired') : undefined) ??
                fieldError(issue.error, 'number')
              }
            />
            <DateField
              label={t('assign.issuedOn')}
              value={issuedOn}
              onChange={setIssuedOn}
              required
              error={
                (checked && !issuedOn ? t('calendar.invalidDate') : undefined) ??
                fieldError(issue.error, 'issuedOn')
              }
            />
            <OfficialSelect
              label={t('assign.signer')}
              people={people}
              value={signer}
              onChange={setSignerId}
              required
              comboboxProps={{ withinPortal: true }}
              error={
                (checked && !signer ? t('assign.signerRequired') : undefined) ??
                fieldError(issue.error, 'signerId')
              }
            />
            <TextInput
              label={t('assign.signerTitle')}
              description={t('assign.signerTitleHint')}
              value={signerTitle}
              onChange={(e) => setSignerTitle(e.currentTarget.value)}
              maxLength={100}
              error={fieldError(issue.error, 'signerTitle')}
            />
            {update.isError && <FormError error={update.error} shown={() => false} />}
            {issue.isError && (
              <FormError
                error={issue.error}
                shown={(f) => ISSUE_FIELDS.includes(f)}
                about={(f) => {
                  const i = /^draft\.items\.(\d+)\./.exec(f)?.[1];
                  return i === undefined ? undefined : itemLabels[Number(i)];
                }}
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={update.isPending || issue.isPending}>
                {t('assign.issueConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
