/** Calendar helpers for periods (YYYY-MM) and dates (YYYY-MM-DD). Pure: no clock. */
import { FORMATS } from './formats';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export function isRealDate(text: string): boolean {
  if (!FORMATS.date.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function isInstant(text: string): boolean {
  if (!FORMATS.instant.test(text)) return false;
  return isRealDate(text.slice(0, 10)) && Number(text.slice(11, 13)) < 24 && Number(text.slice(14, 16)) < 60 && Number(text.slice(17, 19)) < 60;
}

export function periodOf(date: string): string {
  return date.slice(0, 7);
}

export function firstDayOf(period: string): string {
  return `${period}-01`;
}

export function lastDayOf(period: string): string {
  const [y, m] = period.split('-').map(Number);
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(day).padStart(2, '0')}`;
}

/** The Asia/Shanghai calendar date of an ISO-8601 UTC instant (China has no daylight saving). */
export function shanghaiDate(isoInstant: string): string {
  return new Date(Date.parse(isoInstant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The period `months` after `period` (before it when negative). */
export function addMonths(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1 + months, 1));
  return date.toISOString().slice(0, 7);
}
