// The OZG maturity level (Reifegrad 0–4) of a service: a badge with the
// level and its plain-language name, and the explanation for the service page.
import { useI18n } from '../i18n';
import type { Maturity } from './api';

/** compact: only the meter and the number (in tables whose column says what it is). */
export function MaturityBadge({ level, compact }: { level: Maturity; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <span class={`maturity maturity-${level}${compact ? ' maturity-compact' : ''}`}>
      <span class="maturity-meter" aria-hidden="true">
        {[1, 2, 3, 4].map((n) => (
          <span key={n} class={n <= level ? 'on' : undefined} />
        ))}
      </span>
      {compact ? (
        <span>
          {level}
          <span class="visually-hidden"> – {t.maturity.names[level]}</span>
        </span>
      ) : (
        <span>
          {t.maturity.badge(level)}: {t.maturity.names[level]}
        </span>
      )}
    </span>
  );
}

export function MaturityExplanation({ level }: { level: Maturity }) {
  const { t } = useI18n();
  return (
    <div class="maturity-explained">
      <MaturityBadge level={level} />
      <p>{t.maturity.explain[level]}</p>
      <p class="muted small">{t.maturity.scale}</p>
    </div>
  );
}
