import { ExpressionAttributes, updateExpression } from '@taskmgr/dynamo';

test('names are reused per attribute, values never, and nested paths join with dots', () => {
  const attrs = new ExpressionAttributes();
  const expression = updateExpression(
    {
      set: [
        { path: ['Title'], value: 'a' },
        { path: ['NotificationPreferences', 'sms'], value: true },
      ],
      increment: [{ path: ['Version'], by: 1 }],
      remove: [['Description']],
    },
    attrs,
  );
  expect(expression).toBe('SET #n0 = :v0, #n1.#n2 = :v1, #n3 = #n3 + :v2 REMOVE #n4');
  expect(attrs.name('Title')).toBe('#n0');
  expect(attrs.toInput()).toEqual({
    ExpressionAttributeNames: {
      '#n0': 'Title',
      '#n1': 'NotificationPreferences',
      '#n2': 'sms',
      '#n3': 'Version',
      '#n4': 'Description',
    },
    ExpressionAttributeValues: { ':v0': 'a', ':v1': true, ':v2': 1 },
  });
});

test('empty maps are left out, because DynamoDB rejects them', () => {
  const attrs = new ExpressionAttributes();
  expect(attrs.toInput()).toEqual({});
  expect(updateExpression({ set: [], remove: [['A']] }, attrs)).toBe('REMOVE #n0');
  expect(attrs.toInput()).toEqual({ ExpressionAttributeNames: { '#n0': 'A' } });
});
