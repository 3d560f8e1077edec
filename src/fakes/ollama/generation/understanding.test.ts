import { describe, expect, test } from 'vitest';
import { entitiesOf, splitRetrieval, subjectOf } from './understanding.js';

const typed = (text: string) => entitiesOf(text).map((e) => `${e.type}:${e.text}`);

describe('entities', () => {
  test.each([
    ["How's the weather in NYC?", ['place:New York']],
    ['Bob, 44, works in Berlin', ['person:Bob', 'number:44', 'place:Berlin']],
    ['Contact Jane at jane.doe@example.org or 555-201-3344 before March 3', ['person:Jane', 'email:jane.doe@example.org', 'phone:555-201-3344', 'date:March 3']],
    ['Book a flight from Boston (BOS) to Denver (DEN)', ['place:Boston', 'code:BOS', 'place:Denver', 'code:DEN']],
    ['What is the total of 12 and 30?', ['number:12', 'number:30']],
    ['Compare the weather in Paris and London', ['place:Paris', 'place:London']],
    ['Meet Alice Smith on 2025-04-01 at 5pm', ['person:Alice Smith', 'date:2025-04-01', 'time:5pm']],
  ])('%s', (text, expected) => {
    expect(typed(text)).toEqual(expected);
  });

  test('dates carry an ISO value', () => {
    expect(entitiesOf('before March 3, 2026').find((e) => e.type === 'date')?.value).toBe('2026-03-03');
  });
});

describe('subject', () => {
  test.each([
    ['Describe how a rainbow forms', 'rainbow'],
    ['Why is the sky blue?', 'sky blue'],
    ["What's the capital of France?", 'capital france'],
    ['Write a long essay about rivers', 'rivers'],
    ['Tell me about photosynthesis in plants', 'photosynthesis plants'],
  ])('%s -> %s', (text, subject) => {
    expect(subjectOf(text)).toBe(subject);
  });
});

describe('retrieval prompts', () => {
  test("LangChain's and LlamaIndex's templates", () => {
    const langchain = splitRetrieval(
      "Use the following pieces of context to answer the question at the end. If you don't know the answer, just say that you don't know.\n\nThe Eiffel Tower is 330 metres tall.\n\nIt was completed in 1889.\n\nQuestion: How tall is the Eiffel Tower?\nHelpful Answer:",
    );
    expect(langchain).toEqual({ question: 'How tall is the Eiffel Tower?', context: ['The Eiffel Tower is 330 metres tall.', 'It was completed in 1889.'] });
    const llamaindex = splitRetrieval(
      'Context information is below.\n---------------------\nParis is the capital of France.\n---------------------\nGiven the context information and not prior knowledge, answer the query.\nQuery: What is the capital of France?\nAnswer: ',
    );
    expect(llamaindex).toEqual({ question: 'What is the capital of France?', context: ['Paris is the capital of France.'] });
    expect(splitRetrieval('Why is the sky blue?')).toEqual({ question: '', context: [] });
  });
});
