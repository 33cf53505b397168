// A list that puts only the rows in view (and a few beyond) in the DOM, so 10,000 traces or
// 50,000 log records scroll and filter as fast as 50. Rows have one fixed height: the scroll
// position is then a division, with nothing measured. Keyboard: the list is one tab stop; arrow
// keys, Page Up/Down, Home and End move the active row (aria-activedescendant), Enter opens it.
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

interface Props {
  count: number;
  rowHeight: number;
  /** The list box's height in pixels. */
  height: number;
  /** Draws row i; `active` is the keyboard's row. */
  renderRow: (index: number, active: boolean) => React.ReactNode;
  /** Enter or a double click on a row. */
  onOpen?: (index: number) => void;
  /** A stable key per row (an id), so React keeps rows across a scroll. */
  rowKey: (index: number) => string;
  label: string;
  testId: string;
  /** Stay at the bottom as rows are appended, while the user is at the bottom (a live tail). */
  follow?: boolean;
}

const OVERSCAN = 8;

/** The row a key moves the keyboard's row to, or undefined for a key that does not move it. */
function stepTo(key: string, active: number, count: number, page: number): number | undefined {
  const moves: Record<string, number> = {
    ArrowDown: active + 1,
    ArrowUp: Math.max(0, active - 1),
    PageDown: active + page,
    PageUp: active - page,
    Home: 0,
    End: count - 1,
  };
  return moves[key];
}

interface RowProps {
  index: number;
  count: number;
  active: boolean;
  rowHeight: number;
  id: string;
  onChoose: (index: number) => void;
  onOpen?: (index: number) => void;
  children: React.ReactNode;
}

function VirtualRow({ index, count, active, rowHeight, id, onChoose, onOpen, children }: RowProps) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      aria-posinset={index + 1}
      aria-setsize={count}
      className={`vlist-row${active ? ' vlist-row-active' : ''}`}
      style={{ position: 'absolute', top: index * rowHeight, height: rowHeight, left: 0, right: 0 }}
      onClick={() => onChoose(index)}
      onDoubleClick={() => onOpen?.(index)}
    >
      {children}
    </div>
  );
}

/** Scrolls the list just enough to show row i whole. */
function scrollToRow(el: HTMLElement, i: number, rowHeight: number): void {
  const top = i * rowHeight;
  if (top < el.scrollTop) el.scrollTop = top;
  else if (top + rowHeight > el.scrollTop + el.clientHeight)
    el.scrollTop = top + rowHeight - el.clientHeight;
}

/** The scroll position, and the tail followed: appended rows keep a list that was at the bottom there. */
function useScrollFollow(count: number, rowHeight: number, follow: boolean) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const atBottom = useRef(true);
  useLayoutEffect(() => {
    const el = box.current;
    if (!follow || !el || !atBottom.current) return;
    el.scrollTop = el.scrollHeight;
    setScrollTop(el.scrollTop);
  }, [count, follow]);
  const onScroll = useCallback(
    (e: React.UIEvent<HTMLDivElement>) => {
      const el = e.currentTarget;
      atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
      setScrollTop(el.scrollTop);
    },
    [rowHeight],
  );
  return { box, scrollTop, onScroll };
}

/** The keyboard's row: arrows, pages, Home and End move it (scrolled into view), Enter opens it. */
function useKeyboardRow(
  box: React.RefObject<HTMLDivElement | null>,
  count: number,
  rowHeight: number,
  height: number,
  onOpen?: (index: number) => void,
) {
  const [chosen, setActive] = useState(-1);
  // A list that shrank under the keyboard's row keeps its last row active.
  const active = Math.min(chosen, count - 1);
  const moveTo = (index: number) => {
    const i = Math.max(0, Math.min(count - 1, index));
    setActive(i);
    if (box.current) scrollToRow(box.current, i, rowHeight);
  };
  const onKeyDown = (e: React.KeyboardEvent): void => {
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const target = stepTo(e.key, active, count, page);
    if (target !== undefined && count > 0) {
      e.preventDefault();
      moveTo(target);
    } else if (e.key === 'Enter' && active >= 0 && active < count) {
      e.preventDefault();
      onOpen?.(active);
    }
  };
  return { active, setActive, onKeyDown };
}

export function VirtualList({
  count,
  rowHeight,
  height,
  renderRow,
  onOpen,
  rowKey,
  label,
  testId,
  follow = false,
}: Props) {
  const { box, scrollTop, onScroll } = useScrollFollow(count, rowHeight, follow);
  const { active, setActive, onKeyDown } = useKeyboardRow(box, count, rowHeight, height, onOpen);
  const idPrefix = `${testId}-row-`;

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const rows: React.ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <VirtualRow
        key={rowKey(i)}
        index={i}
        count={count}
        active={i === active}
        rowHeight={rowHeight}
        id={`${idPrefix}${i}`}
        onChoose={setActive}
        onOpen={onOpen}
      >
        {renderRow(i, i === active)}
      </VirtualRow>,
    );
  }

  return (
    <div
      ref={box}
      className="vlist"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={active >= 0 && active < count ? `${idPrefix}${active}` : undefined}
      style={{ height, overflowY: 'auto', position: 'relative' }}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (active < 0 && count > 0) setActive(follow ? count - 1 : 0);
      }}
      data-testid={testId}
      data-count={count}
      data-rendered={last - first}
    >
      <div style={{ height: count * rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
