import {
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAPER_TYPES, type PaperComment } from '../../../common/api/meeting-papers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../lib/datetime';
import {
  type MeetingDetail,
  type MeetingPaper,
  paths,
  usePaperActions,
  usePapers,
  usePaperVersion,
} from './api';
import { PaperAdoption } from './PaperAdoption';
import { TextModal } from './TextModal';

/** A comment belongs to an article when its anchor is the article's or one of its clauses/points. */
const ofArticle = (c: PaperComment, anchor: string) =>
  c.anchor === anchor || (c.anchor ?? '').startsWith(`${anchor},`);

/**
 * The meeting's papers (per agenda item): versions, the text by article with members' comments on each article,
 * and, for the secretary, a new paper or a new version (text and/or the signed file).
 */
export function PapersPanel({ meeting: m, large = false }: { meeting: MeetingDetail; large?: boolean }) {
  const { t } = useTranslation();
  const papers = usePapers(m.id);
  const [openId, setOpenId] = useState<string | null>(null);
  const items = papers.data?.items ?? [];
  const itemTitle = (id: string | null) => m.agenda.find((a) => a.id === id)?.title;
  return (
    <Stack gap="sm" component="section" aria-labelledby="papers-title">
      <Title order={2} size="h3" id="papers-title">
        {t('meetings.papers.title')}
      </Title>
      {papers.isError && <ErrorAlert error={papers.error} onRetry={() => void papers.refetch()} />}
      {papers.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('meetings.papers.none')}</Text>
      ) : (
        items.map((p) => (
          <Card key={p.id} withBorder padding="sm" data-testid="paper">
            <Stack gap="xs">
              <Group justify="space-between" wrap="wrap">
                <Stack gap={0}>
                  <Text fw={600} fz={large ? 'lg' : undefined}>
                    {p.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`meetings.paperType.${p.paperType}`)}
                    {itemTitle(p.itemId) ? ` · ${itemTitle(p.itemId)}` : ''}
                    {p.currentVersion > 0
                      ? ` · ${t('meetings.papers.version', { n: p.currentVersion })}`
                      : ''}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Badge variant="light">{t(`meetings.paperStatus.${p.status}`)}</Badge>
                  {p.currentVersion > 0 && (
                    <Button
                      size={large ? 'md' : 'compact-sm'}
                      variant={openId === p.id ? 'filled' : 'light'}
                      onClick={() => setOpenId(openId === p.id ? null : p.id)}
                      data-testid="paper-open"
                    >
                      {openId === p.id ? t('meetings.papers.hide') : t('meetings.papers.read')}
                    </Button>
                  )}
                </Group>
              </Group>
              <PaperAdoption meeting={m} paper={p} />
              {openId === p.id && <PaperReader meeting={m} paper={p} large={large} />}
              {m.canManage && <NewVersionForm meetingId={m.id} paper={p} />}
            </Stack>
          </Card>
        ))
      )}
      {m.canManage && m.status !== 'closed' && m.status !== 'cancelled' && <NewPaperForm meeting={m} />}
    </Stack>
  );
}

function PaperReader({
  meeting: m,
  paper,
  large,
}: {
  meeting: MeetingDetail;
  paper: MeetingPaper;
  large: boolean;
}) {
  const { t } = useTranslation();
  const version = usePaperVersion(m.id, paper.id, paper.currentVersion);
  const actions = usePaperActions(m.id);
  const [answering, setAnswering] = useState<PaperComment | null>(null);
  const canComment = !!m.myParticipantId || m.canManage;
  const v = version.data;
  if (version.isError) return <ErrorAlert error={version.error} />;
  if (!v) return <Loading />;
  const whole = v.comments.filter((c) => !c.anchor);
  const answer = m.canManage
    ? (c: PaperComment) => {
        actions.answer.reset();
        setAnswering(c);
      }
    : undefined;
  return (
    <Stack gap="sm" data-testid="paper-reader">
      {v.file && (
        <Anchor href={paths.versionFile(paper.id, v.version)} target="_blank">
          {t('meetings.papers.file', { name: v.file.fileName })}
        </Anchor>
      )}
      {v.articles.length === 0 && v.body && <Text style={{ whiteSpace: 'pre-wrap' }}>{v.body}</Text>}
      {v.articles.map((a) => (
        <Card key={a.anchor} withBorder padding="sm" data-testid="paper-article">
          <Stack gap="xs">
            <Text fw={700} fz={large ? 'lg' : undefined}>
              {a.anchor}. {a.title}
            </Text>
            <Text fz={large ? 'md' : 'sm'} style={{ whiteSpace: 'pre-wrap' }}>
              {a.text}
            </Text>
            <Comments comments={v.comments.filter((c) => ofArticle(c, a.anchor))} onAnswer={answer} />
            {canComment && v.open && (
              <CommentForm
                large={large}
                label={t('meetings.papers.commentOn', { anchor: a.anchor })}
                loading={actions.comment.isPending}
                onSubmit={(body, done) =>
                  actions.comment.mutate(
                    { paperId: paper.id, version: v.version, anchor: a.anchor, body },
                    { onSuccess: done },
                  )
                }
              />
            )}
          </Stack>
        </Card>
      ))}
      {whole.length > 0 && <Comments comments={whole} onAnswer={answer} />}
      {canComment && v.open && (
        <CommentForm
          large={large}
          label={t('meetings.papers.commentWhole')}
          loading={actions.comment.isPending}
          onSubmit={(body, done) =>
            actions.comment.mutate(
              { paperId: paper.id, version: v.version, anchor: null, body },
              { onSuccess: done },
            )
          }
        />
      )}
      {actions.comment.error && <ErrorAlert error={actions.comment.error} />}
      <TextModal
        opened={!!answering}
        onClose={() => setAnswering(null)}
        title={t('meetings.papers.answerTitle', { name: answering?.author.name ?? '' })}
        context={
          answering ? `${answering.anchor ? `${answering.anchor}: ` : ''}${answering.body}` : undefined
        }
        label={t('meetings.papers.answerLabel')}
        field="answer"
        minLength={1}
        maxLength={5000}
        submitLabel={t('meetings.papers.answerSend')}
        loading={actions.answer.isPending}
        error={actions.answer.error}
        onSubmit={(text, done) =>
          answering &&
          actions.answer.mutate(
            { paperId: paper.id, commentId: answering.id, answer: text },
            { onSuccess: done },
          )
        }
        testId="answer-modal"
      />
      {v.earlierComments.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('meetings.papers.earlier')}
          </Text>
          <Comments comments={v.earlierComments} />
        </Stack>
      )}
    </Stack>
  );
}

function Comments({
  comments,
  onAnswer,
}: {
  comments: PaperComment[];
  /** The secretary (or drafter) answers a comment. */
  onAnswer?: (comment: PaperComment) => void;
}) {
  const { t } = useTranslation();
  if (comments.length === 0) return null;
  return (
    <Stack gap={4}>
      {comments.map((c) => (
        <Card key={c.id} padding="xs" bg="gray.0" data-testid="paper-comment">
          <Text size="sm">
            <strong>{c.author.name}</strong>
            {c.anchor ? ` · ${c.anchor}` : ''} · {t('meetings.papers.version', { n: c.version })} ·{' '}
            {formatDateTime(c.createdAt)}
          </Text>
          <Text size="sm">{c.body}</Text>
          {c.answer ? (
            <Text size="sm" c="blue.8">
              {t('meetings.papers.answer', { by: c.answeredBy ?? '', answer: c.answer })}
            </Text>
          ) : (
            onAnswer && (
              <Button
                size="compact-xs"
                variant="subtle"
                w="fit-content"
                onClick={() => onAnswer(c)}
                data-testid="comment-answer"
              >
                {t('meetings.papers.answerButton')}
              </Button>
            )
          )}
        </Card>
      ))}
    </Stack>
  );
}

function CommentForm({
  label,
  large,
  loading,
  onSubmit,
}: {
  label: string;
  large: boolean;
  loading: boolean;
  onSubmit: (body: string, done: () => void) => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <Button
        variant="subtle"
        size={large ? 'md' : 'compact-sm'}
        onClick={() => setOpen(true)}
        w="fit-content"
      >
        {label}
      </Button>
    );
  return (
    <Stack gap={4}>
      <Textarea
        label={label}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={2}
        size={large ? 'md' : 'sm'}
      />
      <Group gap="xs">
        <Button
          size={large ? 'lg' : 'sm'}
          disabled={!body.trim()}
          loading={loading}
          onClick={() =>
            onSubmit(body.trim(), () => {
              setBody('');
              setOpen(false);
            })
          }
        >
          {t('meetings.papers.send')}
        </Button>
        <Button size={large ? 'lg' : 'sm'} variant="default" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

function NewPaperForm({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const actions = usePaperActions(m.id);
  const [type, setType] = useState<string>('draft_regulation');
  const [title, setTitle] = useState('');
  const [itemId, setItemId] = useState<string | null>(null);
  return (
    <Card withBorder data-testid="paper-new">
      <Stack gap="xs">
        <Text fw={600}>{t('meetings.papers.new')}</Text>
        <Group align="flex-end" wrap="wrap" grow>
          <Select
            label={t('meetings.papers.type')}
            data={PAPER_TYPES.map((p) => ({ value: p, label: t(`meetings.paperType.${p}`) }))}
            value={type}
            onChange={(v) => v && setType(v)}
            allowDeselect={false}
          />
          <TextInput
            label={t('meetings.papers.paperTitle')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Select
            label={t('meetings.papers.item')}
            data={m.agenda.map((a) => ({ value: a.id, label: `${a.position}. ${a.title}` }))}
            value={itemId}
            onChange={setItemId}
            clearable
          />
        </Group>
        {actions.create.error && <ErrorAlert error={actions.create.error} />}
        <Group justify="flex-end">
          <Button
            disabled={title.trim().length < 3}
            loading={actions.create.isPending}
            onClick={() =>
              actions.create.mutate(
                { paperType: type, title: title.trim(), itemId },
                { onSuccess: () => setTitle('') },
              )
            }
          >
            {t('meetings.papers.create')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function NewVersionForm({ meetingId, paper }: { meetingId: string; paper: MeetingPaper }) {
  const { t } = useTranslation();
  const actions = usePaperActions(meetingId);
  const [open, setOpen] = useState(paper.currentVersion === 0);
  const [body, setBody] = useState('');
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  if (paper.status !== 'drafting') return null;
  if (!open)
    return (
      <Button size="compact-sm" variant="subtle" onClick={() => setOpen(true)} w="fit-content">
        {t('meetings.papers.newVersion')}
      </Button>
    );
  return (
    <Stack gap="xs" data-testid="paper-version-form">
      <Textarea
        label={t('meetings.papers.text')}
        description={t('meetings.papers.textHint')}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={4}
        maxRows={16}
      />
      <Group grow align="flex-end">
        <FileInput
          label={t('meetings.papers.upload')}
          value={file}
          onChange={setFile}
          clearable
          accept=".pdf,.docx,.odt,.jpg,.jpeg,.png"
        />
        <TextInput
          label={t('meetings.papers.changeNote')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
      </Group>
      {actions.addVersion.error && <ErrorAlert error={actions.addVersion.error} />}
      <Group justify="flex-end">
        <Button
          disabled={!body.trim() && !file}
          loading={actions.addVersion.isPending}
          onClick={() =>
            actions.addVersion.mutate(
              {
                paperId: paper.id,
                body: body.trim() || undefined,
                changeNote: note.trim() || undefined,
                file,
              },
              {
                onSuccess: () => {
                  setBody('');
                  setNote('');
                  setFile(null);
                  setOpen(false);
                },
              },
            )
          }
          data-testid="paper-version-save"
        >
          {t('meetings.papers.saveVersion', { n: paper.currentVersion + 1 })}
        </Button>
      </Group>
    </Stack>
  );
}
