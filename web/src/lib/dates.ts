/** Due-date states and date formatting, all in the browser's own time zone. */
import type { Task } from '@/api/types';

export type DueState = 'overdue' | 'today' | 'soon' | 'later' | 'none';

const DAY_MS = 86_400_000;

export function sameDay(a: Date, b: Date): boolean {
  return (
    a.getFullYear() === b.getFullYear() &&
    a.getMonth() === b.getMonth() &&
    a.getDate() === b.getDate()
  );
}

/** Overdue, due today, due within 24 h, or later (callers show completed tasks as done). */
export function dueState(task: Pick<Task, 'dueDate'>, now: Date): DueState {
  if (!task.dueDate) return 'none';
  const due = new Date(task.dueDate);
  if (due.getTime() < now.getTime()) return 'overdue';
  if (sameDay(due, now)) return 'today';
  if (due.getTime() - now.getTime() <= DAY_MS) return 'soon';
  return 'later';
}

export const DUE_LABELS: Record<DueState, string> = {
  overdue: 'Overdue',
  today: 'Due today',
  soon: 'Due within 24 h',
  later: 'Due later',
  none: 'No due date',
};

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const monthTitle = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
const dayTitle = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatTime = (iso: string) => timeOnly.format(new Date(iso));
export const formatMonth = (date: Date) => monthTitle.format(date);
export const formatDay = (date: Date) => dayTitle.format(date);

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as the value of an `<input type="datetime-local">` (local time). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (local time) as an RFC 3339 instant the API accepts. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** `<input type="date">` value → the start of that local day. */
export function startOfLocalDay(value: string): Date | undefined {
  const [y, m, d] = value.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

export function dayKey(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function monthKey(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
}
