/**
 * REST v2 routes that arrived with Milvus 3.0. The 2.6 httpserver does not register them
 * (handler_v2.go `RegisterRoutesToV2` on the 2.6 branch registers `add_function`, `alter_function`,
 * `drop_function` and `fields/add`, not these), and the proxy's gin engine has no NoRoute handler
 * (distributed/proxy/service.go `startHTTPServer`), so a 2.6 server answers them with gin's own
 * `404 page not found` (text/plain), as for any unknown path. The fake does the same while its
 * version is 2.x; configured as 3.x it answers 3000 (not implemented by the fake).
 * - `collections/add_function_field`, `collections/drop_function_field` (AlterCollectionSchema with a
 *   function; unreleased master work per the milvus#51411 review),
 * - `collections/fields/drop` (AlterCollectionSchema drop, milvus#51411),
 * - `collections/struct_fields/add` (AddCollectionStructField),
 * - `roles/alter`, `jobs/import/commit` and `abort`, the `jobs/snapshot/*` and
 *   `jobs/external_collection/*` jobs and `file_resources/*`: none is in 2.6's `routeToMethod` table
 *   (handler_v2.go), which does list `segments/describe` and `quotacenter/describe` (those stay 3000).
 */
export const V3_ONLY_ROUTES: ReadonlySet<string> = new Set([
  'collections/add_function_field',
  'collections/drop_function_field',
  'collections/fields/drop',
  'collections/struct_fields/add',
  'roles/alter',
  'jobs/import/commit',
  'jobs/import/abort',
  'jobs/snapshot/restore_external',
  'jobs/snapshot/export',
  'jobs/snapshot/describe',
  'jobs/snapshot/list',
  'jobs/external_collection/refresh',
  'jobs/external_collection/describe',
  'jobs/external_collection/list',
  'file_resources/add',
  'file_resources/remove',
  'file_resources/list',
]);
