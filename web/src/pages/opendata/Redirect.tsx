// Replaces the current address with another one (an old path of a page).
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';

export function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useEffect(() => route(to, true), [to]);
  return null;
}
