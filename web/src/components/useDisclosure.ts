// Open/closed state of a disclosure in the header (the account menu, the
// mobile navigation): closes when a link in it was followed, and on Escape,
// which returns the focus to its button; with `box`, a click outside closes
// it too.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';

export function useDisclosure<B extends HTMLElement>(box?: RefObject<HTMLElement | null>) {
  const { path } = useLocation();
  const [open, setOpen] = useState(false);
  const button = useRef<B>(null);

  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (box?.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    if (box) document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (box) document.removeEventListener('click', onClick);
    };
  }, [open]);

  return { open, setOpen, button };
}
