import { useNow } from '../hooks/useNow';
import { formatLocalDateTime, formatRelativeTime } from '../lib/format';

interface Props {
  time: string | number | null | undefined;
  prefix?: string;
  testId?: string;
}

export function RelativeTime({ time, prefix, testId }: Props) {
  const now = useNow();
  const title =
    time !== null && time !== undefined && time !== '' ? formatLocalDateTime(time) : undefined;
  return (
    <span className="relative-time" title={title} data-testid={testId}>
      {prefix}
      {formatRelativeTime(time, now)}
    </span>
  );
}
