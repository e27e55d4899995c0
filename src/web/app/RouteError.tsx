import { Alert, Button, Container, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from './NotFoundPage';

/** A page that failed to load or render (e.g. a stale chunk after an update): say so and offer a reload. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <Container size="sm" py="xl">
      <Alert color="red" title={t('errors.title')} role="alert">
        <Stack gap="sm">
          {t('errors.pageFailed')}
          <Button w="fit-content" onClick={() => window.location.reload()}>
            {t('errors.reload')}
          </Button>
        </Stack>
      </Alert>
    </Container>
  );
}
