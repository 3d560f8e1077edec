/**
 * `text_match` and `phrase_match` analyze both the query and each row's text with the field's own
 * analyzer (its `analyzer_params`, the `standard` analyzer when none are set), as the server's text
 * index does (tantivy-binding). The schema layer has already checked that the params build.
 */
import { analyzerFor, type Analyzer } from '../text/index.js';

/**
 * @example
 * fieldAnalyzer(undefined).terms('Hello, World-42!'); // ['hello', 'world', '42']
 */
export function fieldAnalyzer(analyzerParams: string | undefined): Analyzer {
  return analyzerFor(analyzerParams);
}
