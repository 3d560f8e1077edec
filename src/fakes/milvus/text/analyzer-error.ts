/**
 * Why an analyzer could not be built: `invalid` for parameters the server's analyzer builder rejects
 * (the message is the tantivy-binding wording), `unsupported` for parts the fake does not implement
 * (jieba, lindera, ...), which the engine reports as 3000. The text layer depends on nothing, so it
 * throws its own error and the schema and engine layers map it to a Milvus status.
 */
export class AnalyzerError extends Error {
  constructor(
    readonly kind: 'invalid' | 'unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'AnalyzerError';
  }
}

export const invalid = (message: string): AnalyzerError => new AnalyzerError('invalid', message);
export const unsupported = (message: string): AnalyzerError => new AnalyzerError('unsupported', message);
