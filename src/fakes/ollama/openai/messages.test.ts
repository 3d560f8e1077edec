import { describe, expect, test } from 'vitest';
import { toNativeMessages } from './messages.js';
import { ApiError } from '../api/replies.js';

const fails = (messages: unknown[]) => {
  try {
    toNativeMessages(messages);
  } catch (error) {
    if (error instanceof ApiError) return error.message;
    throw error;
  }
  return 'no error';
};

describe('toNativeMessages (openai.FromChatRequest)', () => {
  test('array content: one message per part; tool calls go on the last one', () => {
    const out = toNativeMessages([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
        ],
      },
    ]);
    expect(out).toEqual([
      { role: 'user', content: 'look' },
      { role: 'user', content: '', images: ['AAAA'] },
    ]);
  });

  test('an assistant turn with tool calls and no content; the tool reply is named by its call id', () => {
    const out = toNativeMessages([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'snow' },
      { role: 'tool', name: 'explicit', tool_call_id: 'call_1', content: 'x' },
    ]);
    expect(out).toEqual([
      {
        role: 'assistant',
        content: '',
        tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Oslo' } } }],
      },
      { role: 'tool', content: 'snow', tool_name: 'get_weather' },
      { role: 'tool', content: 'x', tool_name: 'explicit' },
    ]);
  });

  test('the middleware’s error texts', () => {
    expect(fails([{ role: 'user', content: null }])).toBe('invalid message content type: <nil>');
    expect(fails([{ role: 'user', content: 5 }])).toBe('invalid message content type: float64');
    expect(fails([{ role: 'user', content: [{ type: 'audio' }] }])).toBe('invalid message format');
    expect(
      fails([{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/gif;base64,AAAA' } }] }]),
    ).toBe('invalid image input');
    expect(
      fails([{ role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: '{oops' } }] }]),
    ).toBe('invalid tool call arguments');
  });
});
