/**
 * VarChar fields with `enable_analyzer` / `enable_match`: the analyzer parameters must build
 * (segcore `validate_text_schema`, which runs tantivy-binding's analyzer builder), and `enable_match`
 * or a BM25 input needs `enable_analyzer` (ctokenizer.ValidateTextSchema). The builder's own messages
 * are kept; the fake reports them as 1100 (the server's wrapper text around them was not verified), and
 * analyzers the fake lacks (jieba, lindera, non-English stemmers) as 3000.
 */
import { AnalyzerError, buildAnalyzer } from '../text/index.js';
import { errors, MilvusError } from '../errors/status.js';
import { enablesAnalyzer } from './functions.js';
import type { FieldDef, FunctionDef } from './types.js';

export function analyzerFailure(error: unknown): MilvusError {
  if (!(error instanceof AnalyzerError)) throw error;
  return error.kind === 'unsupported' ? errors.unsupported(error.message) : errors.invalidParameter(error.message);
}

export function analyzerParamsOf(field: FieldDef): string | undefined {
  return field.typeParams.find((p) => p.key === 'analyzer_params')?.value;
}

export function validateTextFields(fields: readonly FieldDef[], functions: readonly FunctionDef[]): void {
  const bm25Inputs = new Set(functions.flatMap((f) => f.inputFieldNames));
  for (const field of fields) {
    const analyzer = enablesAnalyzer(field);
    if (field.typeParams.some((p) => p.key === 'multi_analyzer_params')) throw errors.unsupported('multi_analyzer_params');
    if ((field.enableMatch || bm25Inputs.has(field.name)) && !analyzer) {
      throw errors.invalidParameter(`field ${field.name} is set to enable match or bm25 function but not enable analyzer`);
    }
    if (!analyzer) continue;
    if (field.type !== 'VarChar') continue;
    try {
      buildAnalyzer(analyzerParamsOf(field));
    } catch (error) {
      throw analyzerFailure(error);
    }
  }
}
