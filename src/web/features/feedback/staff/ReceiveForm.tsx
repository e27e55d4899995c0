import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileInput,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  MAX_FEEDBACK_CONTENT,
  MAX_FEEDBACK_FILES,
  MAX_FEEDBACK_PLACE,
  MAX_FEEDBACK_TITLE,
} from '../../../../common/api/feedback';
import { FormError, fieldError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { foldedFilter } from '../../../lib/foldedFilter';
import {
  type StaffIntakeInput,
  type StaffSubmitted,
  useFeedbackCategories,
  useFeedbackReport,
  useReceiveFeedback,
} from '../staff-api';
import { DuplicatesList } from './DuplicatesList';

const FIELDS = [
  'channel',
  'categoryId',
  'title',
  'content',
  'placeText',
  'reporterName',
  'reporterPhone',
  'reporterEmail',
];

/**
 * "Ghi nhận phản ánh": a report made at the counter or by phone, written down by the official. After receipt:
 * the code to give the citizen, and the similar open reports of the commune (merge it into one of them).
 */
export function ReceiveForm({
  communeCode,
  provinceCode,
  onClose,
}: {
  communeCode: string;
  provinceCode: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const categories = useFeedbackCategories(provinceCode);
  const receive = useReceiveFeedback(communeCode);
  const [channel, setChannel] = useState<'counter' | 'phone'>('counter');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [placeText, setPlaceText] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [created, setCreated] = useState<StaffSubmitted | null>(null);
  const en = i18n.language === 'en';

  if (created) return <Received submitted={created} onAnother={() => setCreated(null)} onClose={onClose} />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const data: StaffIntakeInput = {
      channel,
      categoryId: categoryId ?? '',
      title: title.trim(),
      content: content.trim(),
      placeText: placeText.trim() || undefined,
      reporterName: name.trim() || undefined,
      reporterPhone: phone.trim() || undefined,
      reporterEmail: email.trim() || undefined,
      isPrivate,
    };
    receive.mutate(
      { data, files },
      {
        onSuccess: (report) => {
          setCreated(report);
          setTitle('');
          setContent('');
          setPlaceText('');
          setName('');
          setPhone('');
          setEmail('');
          setFiles([]);
        },
      },
    );
  };
  const err = (f: string) => fieldError(receive.error, f) ?? fieldError(receive.error, `data.${f}`);

  return (
    <form onSubmit={submit} aria-label={t('feedbackStaff.receive.title')} noValidate>
      <Stack gap="sm">
        <div>
          <Text size="sm" fw={500} mb={4} id="receive-channel">
            {t('feedbackStaff.receive.channel')}
          </Text>
          <SegmentedControl
            aria-labelledby="receive-channel"
            value={channel}
            onChange={(v) => setChannel(v === 'phone' ? 'phone' : 'counter')}
            data={[
              { value: 'counter', label: t('feedbackStaff.channel.counter') },
              { value: 'phone', label: t('feedbackStaff.channel.phone') },
            ]}
            data-testid="receive-channel"
          />
        </div>
        <Select
          label={t('feedbackStaff.field.category')}
          data={(categories.data ?? [])
            .filter((c) => c.active)
            .map((c) => ({ value: c.id, label: en ? c.nameEn : c.nameVi }))}
          value={categoryId}
          onChange={setCategoryId}
          searchable
          filter={foldedFilter}
          required
          error={err('categoryId')}
          data-testid="receive-category"
          data-autofocus
        />
        <TextInput
          label={t('feedbackStaff.field.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          maxLength={MAX_FEEDBACK_TITLE}
          required
          error={err('title')}
          data-testid="receive-title"
        />
        <Textarea
          label={t('feedbackStaff.field.content')}
          description={
            channel === 'phone'
              ? t('feedbackStaff.receive.phoneHint')
              : t('feedbackStaff.receive.counterHint')
          }
          value={content}
          onChange={(e) => setContent(e.currentTarget.value)}
          maxLength={MAX_FEEDBACK_CONTENT}
          autosize
          minRows={4}
          required
          error={err('content')}
          data-testid="receive-content"
        />
        <TextInput
          label={t('feedbackStaff.field.place')}
          description={t('feedbackStaff.receive.placeHint')}
          value={placeText}
          onChange={(e) => setPlaceText(e.currentTarget.value)}
          maxLength={MAX_FEEDBACK_PLACE}
          error={err('placeText')}
          data-testid="receive-place"
        />
        <Text size="sm" fw={500} mt="xs">
          {t('feedbackStaff.receive.reporter')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('feedbackStaff.field.reporterName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={200}
            error={err('reporterName')}
            data-testid="receive-name"
          />
          <TextInput
            label={t('feedbackStaff.field.phone')}
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            maxLength={20}
            error={err('reporterPhone')}
            data-testid="receive-phone"
          />
          <TextInput
            label={t('feedbackStaff.field.email')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            maxLength={200}
            error={err('reporterEmail')}
            data-testid="receive-email"
          />
        </SimpleGrid>
        {!phone.trim() && !email.trim() && (
          <Text size="sm" c="orange.8" role="status">
            {t('feedbackStaff.receive.noContact')}
          </Text>
        )}
        <Checkbox
          label={t('feedbackStaff.receive.private')}
          description={t('feedbackStaff.receive.privateHint')}
          checked={isPrivate}
          onChange={(e) => setPrivate(e.currentTarget.checked)}
        />
        <FileInput
          label={t('feedbackStaff.receive.files')}
          description={t('feedbackStaff.receive.filesHint', { count: MAX_FEEDBACK_FILES })}
          multiple
          clearable
          value={files}
          onChange={(f) => setFiles(f.slice(0, MAX_FEEDBACK_FILES))}
          accept="image/jpeg,image/png,image/webp,application/pdf,.docx"
          error={err('files')}
          data-testid="receive-files"
        />
        {receive.error && (
          <FormError
            error={receive.error}
            shown={(f) => FIELDS.some((x) => f.endsWith(`.${x}`) || f === x) || f.includes('files')}
          />
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={receive.isPending} data-testid="receive-submit">
            {t('feedbackStaff.receive.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Received({
  submitted,
  onAnother,
  onClose,
}: {
  submitted: StaffSubmitted;
  onAnother: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const report = useFeedbackReport(submitted.id);
  const merged = report.data?.state === 'merged';
  return (
    <Stack gap="md" data-testid="receive-done">
      <Alert color="green" role="status" title={t('feedbackStaff.receive.done')}>
        <Stack gap={4}>
          <Text size="sm">{t('feedbackStaff.receive.giveCode')}</Text>
          <Text fw={700} fz="xl" data-testid="receive-code">
            {submitted.code}
          </Text>
          {submitted.pin && (
            <Text size="sm" data-testid="receive-pin">
              {t('feedbackStaff.receive.pin', { pin: submitted.pin })}
            </Text>
          )}
          {merged && <Text size="sm">{t('feedbackStaff.receive.mergedNote')}</Text>}
        </Stack>
      </Alert>
      {!merged && (
        <Stack gap="xs">
          <Text fw={600}>{t('feedbackStaff.duplicates.title')}</Text>
          {report.data ? <DuplicatesList report={report.data} /> : <Loading />}
        </Stack>
      )}
      <Group gap="xs">
        <Button component={Link} to={`/xu-ly-phan-anh/chi-tiet/${submitted.id}`} variant="light">
          {t('feedbackStaff.receive.openReport')}
        </Button>
        <Button variant="default" onClick={onAnother}>
          {t('feedbackStaff.receive.another')}
        </Button>
        <Anchor component="button" type="button" onClick={onClose} size="sm">
          {t('common.close')}
        </Anchor>
      </Group>
    </Stack>
  );
}
