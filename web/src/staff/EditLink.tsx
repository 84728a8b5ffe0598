// "Bearbeiten" on a public service or office page, shown only to the people
// who may edit that record: staff of its department and admins.
import { useI18n } from '../i18n';
import { mayEdit, useSession } from '../account/session';

export function EditLink({ href, department, name }: { href: string; department: string; name: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (!mayEdit(user, department)) return null;
  return (
    <a class="button button-secondary button-small edit-link" href={href}>
      <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M4 20h4L19 9l-4-4L4 16z M13.5 6.5l4 4" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
      </svg>
      <span>{t.staff.edit}</span>
      <span class="visually-hidden">: {name}</span>
    </a>
  );
}
