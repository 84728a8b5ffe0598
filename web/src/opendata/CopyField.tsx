// A read-only line of text (a command, a URL) with a button that copies it.
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';

export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard access (e.g. plain http): select the text for Ctrl+C.
      const el = document.getElementById(id) as HTMLInputElement | null;
      el?.select();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div class="od-copy">
      <label for={id}>{label}</label>
      <div class="od-copy-row">
        <input id={id} type="text" readOnly value={value} spellcheck={false} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="button button-secondary" onClick={copy} aria-label={t.od.copyOf(label)}>
          {copied ? t.od.copied : t.od.copy}
        </button>
      </div>
      <span class="visually-hidden" role="status">
        {copied ? t.od.copied : ''}
      </span>
    </div>
  );
}
