'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api, unwrap } from '@/api/client';
import { errorMessage } from '@/api/problem';
import type { Task } from '@/api/types';
import { RequireAuth } from '@/components/require-auth';
import { ErrorState, Loading } from '@/components/states';
import { TaskItem } from '@/components/task-item';
import { addDays, dayKey, dueState, formatDay, formatMonth, monthKey, sameDay } from '@/lib/dates';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const CHIPS_PER_DAY = 3;
// A month holds few tasks; the cap only guards against a runaway loop.
const MAX_PAGES = 20;

function parseMonth(value: string | null): Date {
  const match = value ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  if (match) return new Date(Number(match[1]), Number(match[2]) - 1, 1);
  const today = new Date();
  return new Date(today.getFullYear(), today.getMonth(), 1);
}

/** Whole weeks, Monday first, covering the month. */
function gridDays(month: Date): Date[] {
  const offset = (month.getDay() + 6) % 7;
  const first = addDays(month, -offset);
  const last = new Date(month.getFullYear(), month.getMonth() + 1, 0);
  const days: Date[] = [];
  for (let day = first; day <= last || days.length % 7 !== 0; day = addDays(day, 1)) days.push(day);
  return days;
}

async function tasksDueBetween(start: Date, end: Date): Promise<Task[]> {
  const items: Task[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await unwrap(
      api.GET('/tasks', {
        params: {
          query: {
            dueAfter: start.toISOString(),
            dueBefore: end.toISOString(),
            sort: 'dueDate',
            order: 'asc',
            limit: 100,
            ...(cursor ? { cursor } : {}),
          },
        },
      }),
    );
    items.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return items;
}

function Calendar() {
  const month = parseMonth(useSearchParams().get('month'));
  const key = monthKey(month);
  const days = useMemo(() => gridDays(parseMonth(key)), [key]);
  const today = new Date();
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; tasks: Task[] }
  >({ kind: 'loading' });
  const [selected, setSelected] = useState<string>(() =>
    dayKey(sameMonth(today, month) ? today : month),
  );

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const first = days[0] ?? new Date();
      const last = days[days.length - 1] ?? first;
      setState({ kind: 'ready', tasks: await tasksDueBetween(first, addDays(last, 1)) });
    } catch (error) {
      setState({ kind: 'error', message: errorMessage(error) });
    }
  }, [days]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const now = new Date();
    const start = parseMonth(key);
    setSelected(dayKey(sameMonth(now, start) ? now : start));
  }, [key]);

  const byDay = useMemo(() => {
    const map = new Map<string, Task[]>();
    if (state.kind !== 'ready') return map;
    for (const task of state.tasks) {
      if (!task.dueDate) continue;
      const k = dayKey(new Date(task.dueDate));
      map.set(k, [...(map.get(k) ?? []), task]);
    }
    return map;
  }, [state]);

  const previous = monthKey(new Date(month.getFullYear(), month.getMonth() - 1, 1));
  const next = monthKey(new Date(month.getFullYear(), month.getMonth() + 1, 1));
  const selectedDate = days.find((d) => dayKey(d) === selected) ?? month;
  const selectedTasks = byDay.get(selected) ?? [];
  const weeks = Array.from({ length: days.length / 7 }, (_, i) => days.slice(i * 7, i * 7 + 7));

  return (
    <>
      <title>Calendar · Taskmgr</title>
      <div className="page-head">
        <h1>Calendar</h1>
        <div className="calendar-nav">
          <Link
            className="button secondary"
            href={`/calendar/?month=${previous}`}
            aria-label="Previous month"
          >
            ←
          </Link>
          <h2 aria-live="polite">{formatMonth(month)}</h2>
          <Link
            className="button secondary"
            href={`/calendar/?month=${next}`}
            aria-label="Next month"
          >
            →
          </Link>
        </div>
      </div>
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={load} /> : null}
      <table
        className="calendar"
        aria-label={`Tasks due in ${formatMonth(month)}`}
        aria-busy={state.kind === 'loading'}
      >
        <thead>
          <tr>
            {WEEKDAYS.map((day) => (
              <th key={day} scope="col">
                {day}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={dayKey(week[0] ?? month)}>
              {week.map((day) => {
                const k = dayKey(day);
                const tasks = byDay.get(k) ?? [];
                const outside = !sameMonth(day, month);
                const isToday = sameDay(day, today);
                const label = `${formatDay(day)}${isToday ? ' (today)' : ''}, ${
                  tasks.length === 1 ? '1 task' : `${tasks.length} tasks`
                }`;
                return (
                  <td
                    key={k}
                    className={`${outside ? 'outside' : ''}${isToday ? ' today' : ''}`}
                    data-day={k}
                  >
                    <button
                      type="button"
                      className="day-button"
                      aria-pressed={selected === k}
                      aria-label={label}
                      onClick={() => setSelected(k)}
                    >
                      <span className="day-number">{day.getDate()}</span>
                      {tasks.slice(0, CHIPS_PER_DAY).map((task) => (
                        <Chip key={task.taskId} task={task} now={today} />
                      ))}
                      {tasks.length > CHIPS_PER_DAY ? (
                        <span className="chip-more">+{tasks.length - CHIPS_PER_DAY} more</span>
                      ) : null}
                      {tasks.length > 0 ? (
                        <span className="dots" aria-hidden="true">
                          {tasks.slice(0, 4).map((task) => (
                            <span key={task.taskId} className={`dot ${dotClass(task, today)}`} />
                          ))}
                        </span>
                      ) : null}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <section className="day-panel" aria-labelledby="day-title">
        <h2 id="day-title">{formatDay(selectedDate)}</h2>
        {state.kind === 'loading' ? <Loading label="Loading tasks…" /> : null}
        {state.kind === 'ready' && selectedTasks.length === 0 ? (
          <p className="state card">Nothing due this day.</p>
        ) : null}
        {selectedTasks.length > 0 ? (
          <ul className="task-list" aria-label={`Tasks due ${formatDay(selectedDate)}`}>
            {selectedTasks.map((task) => (
              <TaskItem key={task.taskId} task={task} now={today} />
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}

function sameMonth(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth();
}

function dotClass(task: Task, now: Date): string {
  if (task.status === 'completed') return 'completed';
  return dueState(task, now) === 'overdue' ? 'overdue' : '';
}

function Chip({ task, now }: { task: Task; now: Date }) {
  const completed = task.status === 'completed';
  const state = completed ? 'later' : dueState(task, now);
  return (
    <span className={`chip due-${state}${completed ? ' completed status-completed' : ''}`}>
      {completed ? '✓ ' : ''}
      {task.title}
    </span>
  );
}

export default function CalendarPage() {
  return (
    <RequireAuth>
      <Suspense fallback={<Loading />}>
        <Calendar />
      </Suspense>
    </RequireAuth>
  );
}
