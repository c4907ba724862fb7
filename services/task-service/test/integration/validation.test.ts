import { useTestService } from '../support/service';

jest.setTimeout(60_000);

const { user } = useTestService('task-validation');
let taskId: string;

beforeAll(async () => {
  const res = await user.request({ method: 'POST', url: '/tasks', payload: { title: 'Target' } });
  taskId = res.json().taskId;
});

interface Case {
  name: string;
  method: 'POST' | 'PATCH' | 'GET' | 'DELETE';
  url?: string;
  headers?: Record<string, string>;
  payload?: unknown;
  field: string;
  in: 'body' | 'querystring' | 'headers' | 'params';
}

const longText = (length: number) => 'x'.repeat(length);

// Every failure is a 400 problem+json whose errors[] names the offending field.
const cases: Case[] = [
  { name: 'title missing', method: 'POST', payload: {}, field: 'title', in: 'body' },
  { name: 'title empty', method: 'POST', payload: { title: '' }, field: 'title', in: 'body' },
  {
    name: 'title whitespace only',
    method: 'POST',
    payload: { title: ' \t\n ' },
    field: 'title',
    in: 'body',
  },
  {
    name: 'title 201 characters',
    method: 'POST',
    payload: { title: longText(201) },
    field: 'title',
    in: 'body',
  },
  {
    name: 'title not a string',
    method: 'POST',
    payload: { title: 42 },
    field: 'title',
    in: 'body',
  },
  {
    name: 'title null on PATCH',
    method: 'PATCH',
    payload: { title: null },
    field: 'title',
    in: 'body',
  },
  {
    name: 'title whitespace on PATCH',
    method: 'PATCH',
    payload: { title: '   ' },
    field: 'title',
    in: 'body',
  },
  {
    name: 'description 5001 characters',
    method: 'POST',
    payload: { title: 't', description: longText(5001) },
    field: 'description',
    in: 'body',
  },
  {
    name: 'description not a string',
    method: 'PATCH',
    payload: { description: 7 },
    field: 'description',
    in: 'body',
  },
  {
    name: 'status unknown',
    method: 'POST',
    payload: { title: 't', status: 'done' },
    field: 'status',
    in: 'body',
  },
  { name: 'status null', method: 'PATCH', payload: { status: null }, field: 'status', in: 'body' },
  {
    name: 'dueDate without offset',
    method: 'POST',
    payload: { title: 't', dueDate: '2030-07-01T09:00:00' },
    field: 'dueDate',
    in: 'body',
  },
  {
    name: 'dueDate a bare date',
    method: 'POST',
    payload: { title: 't', dueDate: '2030-07-01' },
    field: 'dueDate',
    in: 'body',
  },
  {
    name: 'dueDate impossible day',
    method: 'PATCH',
    payload: { dueDate: '2030-02-30T09:00:00Z' },
    field: 'dueDate',
    in: 'body',
  },
  {
    name: 'dueDate leap second',
    method: 'PATCH',
    payload: { dueDate: '2030-12-31T23:59:60Z' },
    field: 'dueDate',
    in: 'body',
  },
  {
    name: 'dueDate past year 9999 in UTC',
    method: 'PATCH',
    payload: { dueDate: '9999-12-31T23:00:00-05:00' },
    field: 'dueDate',
    in: 'body',
  },
  {
    name: 'dueDate prose',
    method: 'POST',
    payload: { title: 't', dueDate: 'tomorrow' },
    field: 'dueDate',
    in: 'body',
  },
  {
    name: 'unknown field on POST',
    method: 'POST',
    payload: { title: 't', userId: 'someone-else' },
    field: 'userId',
    in: 'body',
  },
  {
    name: 'unknown field on PATCH',
    method: 'PATCH',
    payload: { version: 9 },
    field: 'version',
    in: 'body',
  },
  { name: 'empty PATCH', method: 'PATCH', payload: {}, field: '(root)', in: 'body' },
  { name: 'body not an object', method: 'POST', payload: ['title'], field: '(root)', in: 'body' },
  {
    name: 'If-Match malformed',
    method: 'PATCH',
    headers: { 'if-match': '1' },
    payload: { title: 't' },
    field: 'If-Match',
    in: 'headers',
  },
  {
    name: 'If-Match a list',
    method: 'DELETE',
    headers: { 'if-match': '"1", "2"' },
    field: 'If-Match',
    in: 'headers',
  },
  {
    name: 'If-Match a wildcard',
    method: 'DELETE',
    headers: { 'if-match': '*' },
    field: 'If-Match',
    in: 'headers',
  },
  {
    name: 'Idempotency-Key empty',
    method: 'POST',
    headers: { 'idempotency-key': '' },
    payload: { title: 't' },
    field: 'Idempotency-Key',
    in: 'headers',
  },
  {
    name: 'Idempotency-Key 256 characters',
    method: 'POST',
    headers: { 'idempotency-key': longText(256) },
    payload: { title: 't' },
    field: 'Idempotency-Key',
    in: 'headers',
  },
  {
    name: 'task id not a ULID',
    method: 'GET',
    url: '/tasks/not-a-task-id',
    field: 'taskId',
    in: 'params',
  },
  { name: 'limit 0', method: 'GET', url: '/tasks?limit=0', field: 'limit', in: 'querystring' },
  { name: 'limit 101', method: 'GET', url: '/tasks?limit=101', field: 'limit', in: 'querystring' },
  {
    name: 'limit not a number',
    method: 'GET',
    url: '/tasks?limit=ten',
    field: 'limit',
    in: 'querystring',
  },
  {
    name: 'sort unknown',
    method: 'GET',
    url: '/tasks?sort=title',
    field: 'sort',
    in: 'querystring',
  },
  {
    name: 'order unknown',
    method: 'GET',
    url: '/tasks?order=up',
    field: 'order',
    in: 'querystring',
  },
  {
    name: 'status filter unknown',
    method: 'GET',
    url: '/tasks?status=done',
    field: 'status',
    in: 'querystring',
  },
  {
    name: 'dueBefore without offset',
    method: 'GET',
    url: '/tasks?dueBefore=2030-07-01T09:00:00',
    field: 'dueBefore',
    in: 'querystring',
  },
  {
    name: 'dueAfter a bare date',
    method: 'GET',
    url: '/tasks?dueAfter=2030-07-01',
    field: 'dueAfter',
    in: 'querystring',
  },
  {
    name: 'dueAfter not before dueBefore',
    method: 'GET',
    url: '/tasks?dueAfter=2030-07-02T00:00:00Z&dueBefore=2030-07-01T00:00:00Z',
    field: 'dueAfter',
    in: 'querystring',
  },
  {
    name: 'unknown query parameter',
    method: 'GET',
    url: '/tasks?owner=someone',
    field: 'owner',
    in: 'querystring',
  },
  {
    name: 'cursor garbage',
    method: 'GET',
    url: '/tasks?cursor=not-a-cursor',
    field: 'cursor',
    in: 'querystring',
  },
];

test.each(cases)('$name → 400 naming $field', async (c) => {
  const res = await user.request({
    method: c.method,
    url: c.url ?? (c.method === 'POST' ? '/tasks' : `/tasks/${taskId}`),
    ...(c.headers ? { headers: c.headers } : {}),
    ...(c.payload !== undefined ? { payload: c.payload as object } : {}),
  });
  expect(res.statusCode).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.json();
  expect(problem).toMatchObject({ status: 400, type: 'urn:problem:validation' });
  expect(problem.errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ field: c.field, in: c.in })]),
  );
});

test('nothing was created or changed by the refused requests', async () => {
  const list = await user.request({ method: 'GET', url: '/tasks' });
  expect(list.json().items).toEqual([
    expect.objectContaining({ taskId, title: 'Target', version: 1 }),
  ]);
});

test('limits are inclusive: 200-character title (after trimming), 5000-character description', async () => {
  const res = await user.request({
    method: 'POST',
    url: '/tasks',
    payload: { title: `  ${'é'.repeat(200)}  `, description: longText(5000) },
  });
  expect(res.statusCode).toBe(201);
  expect(res.json().title).toBe('é'.repeat(200));
  await user.request({ method: 'DELETE', url: `/tasks/${res.json().taskId}` });
});
