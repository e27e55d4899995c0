import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import i18n from '../i18n';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5 * 60_000,
      refetchOnWindowFocus: false,
      // A problem answer (4xx) will not change by asking again; a network failure may.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

// Error messages come from the server in the UI language: ask again after a switch.
i18n.on('languageChanged', () => {
  void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' });
});
