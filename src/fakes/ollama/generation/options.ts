/**
 * The request settings that shape what a model says, after the API layer has parsed and validated
 * them (api/request-options.ts): reasoning, output format and the generation options the fake honours.
 */
export type ThinkSetting = boolean | 'low' | 'medium' | 'high' | 'max' | undefined;

/** How many sentences of reasoning a think setting produces. */
export function thinkingSentences(think: ThinkSetting): number {
  switch (think) {
    case 'low':
      return 1;
    case 'medium':
      return 2;
    case 'max':
      return 5;
    default:
      return 3;
  }
}

export type OutputFormat = { kind: 'text' } | { kind: 'json' } | { kind: 'schema'; schema: Record<string, unknown> };

export interface GenerationOptions {
  seed?: number;
  /** undefined or negative: no limit. */
  numPredict?: number;
  stop: string[];
}
