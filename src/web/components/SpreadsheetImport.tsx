import { Button, FileInput, Paper, Stack, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

const MAX_BYTES = 2 * 1024 * 1024;

/** What the server's import routes take: the file base64-encoded, checked only (dryRun) or imported. */
export interface SpreadsheetUpload {
  filename: string;
  contentBase64: string;
  dryRun: boolean;
}

/** The part of an import mutation (TanStack Query) used here. */
interface ImportMutation<R> {
  mutate: (body: SpreadsheetUpload) => void;
  reset: () => void;
  data: R | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

interface SpreadsheetImportProps<R> {
  /** The i18n namespace holding file, fileHint, choose, wrongType, tooLarge, unreadable, checking and run. */
  ns: 'inflight' | 'staffImport';
  /** The same mutation twice: one checks (nothing written), one imports. */
  check: ImportMutation<R>;
  run: ImportMutation<R>;
  /** What the box says above the file input (intro, columns, template). */
  intro: ReactNode;
  report: (report: R) => ReactNode;
  fileTestId: string;
  runTestId?: string;
}

/**
 * A CSV/XLSX file (at most 2 MiB) checked row by row as soon as it is picked, its report, then the button that
 * imports all its rows or none (shown only when the check found none wrong).
 */
export function SpreadsheetImport<R extends { valid: boolean; rows: number }>({
  ns,
  check,
  run,
  intro,
  report: renderReport,
  fileTestId,
  runTestId,
}: SpreadsheetImportProps<R>) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);

  const pick = async (picked: File | null) => {
    setFile(picked);
    setContent(null);
    setReadError(null);
    check.reset();
    run.reset();
    if (!picked) return;
    if (!/\.(csv|xlsx)$/i.test(picked.name)) return setReadError(t(`${ns}.wrongType`));
    if (picked.size > MAX_BYTES) return setReadError(t(`${ns}.tooLarge`));
    try {
      const base64 = await readBase64(picked);
      setContent(base64);
      check.mutate({ filename: picked.name, contentBase64: base64, dryRun: true });
    } catch {
      setReadError(t(`${ns}.unreadable`));
    }
  };
  const report = run.data ?? check.data;

  return (
    <>
      <Paper withBorder p="lg">
        <Stack gap="sm">
          {intro}
          <FileInput
            label={t(`${ns}.file`)}
            description={t(`${ns}.fileHint`)}
            placeholder={t(`${ns}.choose`)}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={(f) => void pick(f)}
            clearable
            maw={480}
            error={readError}
            data-testid={fileTestId}
          />
        </Stack>
      </Paper>
      {check.isPending && <Text role="status">{t(`${ns}.checking`)}</Text>}
      {check.isError && <ErrorAlert error={check.error} />}
      {report && renderReport(report)}
      {run.isError && <ErrorAlert error={run.error} />}
      {check.data?.valid && !run.data && file && content && (
        <Button
          w="fit-content"
          loading={run.isPending}
          onClick={() => run.mutate({ filename: file.name, contentBase64: content, dryRun: false })}
          data-testid={runTestId}
        >
          {t(`${ns}.run`, { count: check.data.rows })}
        </Button>
      )}
    </>
  );
}
