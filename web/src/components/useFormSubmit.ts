// The submit flow the account and booking forms share: a busy flag while the
// request runs, the list of field errors with a generation that moves the
// focus to the ErrorSummary after each failed submit, and one way to explain
// a failed answer (429 with Retry-After, no network, problem+json detail).
import { useState } from 'preact/hooks';
import { minutesOf, type Answer } from '../account/api';
import { useI18n } from '../i18n';
import { errorOf, type FieldError } from './Form';

export interface FailOptions {
  /** id of the field the server's detail belongs to ('' = the form as a whole) */
  field?: string;
  /** the text for 429, given the whole minutes to wait; without it 429 is explained like any failure */
  throttled?: (minutes: number) => string;
}

export function useFormSubmit() {
  const { t } = useI18n();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [generation, setGeneration] = useState(0);
  const [busy, setBusy] = useState(false);

  /** Shows `list` in the summary and sends the focus there (also for an empty list, which clears it). */
  const fail = (list: FieldError[]) => {
    setErrors(list);
    setGeneration((g) => g + 1);
  };

  /** Runs `request` with `busy` set while it is under way. */
  const run = async <T>(request: () => Promise<Answer<T>>): Promise<Answer<T>> => {
    setBusy(true);
    const answer = await request();
    setBusy(false);
    return answer;
  };

  /** Explains a failed answer in the summary. */
  const failWith = <T>(answer: Answer<T>, { field = '', throttled }: FailOptions = {}) => {
    if (answer.ok) return;
    if (answer.status === 429 && throttled)
      fail([{ field: '', message: throttled(minutesOf('retryAfter' in answer ? answer.retryAfter : undefined)) }]);
    else if (answer.status === 0) fail([{ field: '', message: t.account.network }]);
    else fail([{ field, message: answer.problem.detail ?? t.account.failed(answer.status) }]);
  };

  return {
    errors,
    generation,
    busy,
    fail,
    failWith,
    run,
    clear: () => setErrors([]),
    errorOf: (field: string) => errorOf(errors, field),
  };
}
