import { Button, Group, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface ResolveFormProps {
  initialValue?: string;
  loading?: boolean;
  onSubmit: (q: string) => void;
}

/** The old-address box: Enter or the button submits. */
export function ResolveForm({ initialValue = '', loading, onSubmit }: ResolveFormProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initialValue);
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = value.trim();
    setMissing(q === '');
    if (q) onSubmit(q);
  };

  return (
    <search>
      <form onSubmit={submit} noValidate>
        <TextInput
          label={t('resolver.label')}
          description={t('resolver.description')}
          placeholder={t('resolver.placeholder')}
          name="q"
          size="md"
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={missing ? t('resolver.required') : undefined}
          autoComplete="street-address"
          enterKeyHint="search"
          spellCheck={false}
          inputContainer={(input) => (
            <Group gap="sm" wrap="nowrap" align="center">
              <div style={{ flex: 1 }}>{input}</div>
              <Button type="submit" size="md" loading={loading}>
                {t('resolver.submit')}
              </Button>
            </Group>
          )}
        />
      </form>
    </search>
  );
}
