import { describe, expect, test } from 'vitest';
import { SeededRandom } from '../../../common/hash.js';
import { type ToolSpec, chooseToolCalls } from './tool-choice.js';

const tool = (name: string, description: string, properties: Record<string, unknown>): ToolSpec => ({
  type: 'function',
  function: { name, description, parameters: { type: 'object', properties, required: Object.keys(properties) } },
});
const weather = tool('get_weather', 'Current weather for a city', { city: { type: 'string' } });
const add = tool('add', 'Add two numbers', { a: { type: 'number' }, b: { type: 'number' } });
const email = tool('send_email', 'Send an email', { to: { type: 'string' }, subject: { type: 'string' } });
const tools = [weather, add, email];
const choose = (text: string, system = '') => chooseToolCalls(tools, text, new SeededRandom(1), system).map((c) => `${c.name}${JSON.stringify(c.arguments)}`);

describe('tool policy', () => {
  test.each([
    ['What is the weather in Tokyo?', ['get_weather{"city":"Tokyo"}']],
    ['Will it rain in Lima?', ['get_weather{"city":"Lima"}']],
    ['What is 7 plus 5?', ['add{"a":7,"b":5}']],
    ['Email bob@example.com that lunch moved', ['send_email{"to":"bob@example.com","subject":"lunch moved"}']],
    ['Weather in Oslo and Bergen?', ['get_weather{"city":"Oslo"}', 'get_weather{"city":"Bergen"}']],
    ['Tell me a joke', []],
  ])('%s', (text, expected) => {
    expect(choose(text)).toEqual(expected);
  });

  test('a tool the system prompt demands is called even when the message does not name it', () => {
    expect(choose('Hello there, what do you know?', 'You must always call add first.').map((c) => c.split('{')[0])).toEqual(['add']);
  });
});
