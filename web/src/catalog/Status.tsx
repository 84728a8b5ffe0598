// What a page shows while its data loads, and when loading failed.
import type { Dictionary } from '../i18n';
import { useI18n } from '../i18n';
import type { Failure } from './api';

export function failureText(t: Dictionary, f: Failure): string {
  switch (f.kind) {
    case 'notfound':
      return t.load.notFound;
    case 'timeout':
      return t.load.timeout;
    case 'http':
      return t.load.http(f.status);
    default:
      return t.load.network;
  }
}

export function Loading({ text }: { text?: string }) {
  const { t } = useI18n();
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {text ?? t.load.loading}
    </p>
  );
}

export function LoadFailure({ failure, retry }: { failure: Failure; retry: () => void }) {
  const { t } = useI18n();
  return (
    <div class="notice notice-error" role="alert">
      <p>
        <strong>{t.load.failed}</strong> {failureText(t, failure)}
      </p>
      <button type="button" class="button button-secondary" onClick={retry}>
        {t.load.retry}
      </button>
    </div>
  );
}
