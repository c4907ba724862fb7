/** Where to go after logging in: only a path on this site, never another origin. */
export function safeNext(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//')) return '/tasks/';
  return value;
}
