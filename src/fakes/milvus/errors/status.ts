/**
 * Milvus' in-band error model. Every failure the core reports is a {@link MilvusError} carrying the
 * new-style `code` (milvus `pkg/util/merr/errors.go`) and the legacy `error_code` enum name that
 * `merr.Status` derives from it (`oldCode` in `merr/utils.go`); transports turn it into a
 * `common.Status` (gRPC) or `{ code, message }` (REST). Reasons follow merr's formatting:
 * `<base>[key=value]...` for wrapped fields and `<message>: <base>` for `errors.Wrap`.
 */
export type ErrorCodeName =
  | 'Success'
  | 'UnexpectedError'
  | 'CollectionNotExists'
  | 'IllegalArgument'
  | 'MetaFailed'
  | 'IndexNotExist'
  | 'RateLimit'
  | 'SchemaMismatch'
  | 'NotReadyServe'
  | 'ForceDeny'
  | 'OperatePrivilegeFailure'
  | 'SelectGrantFailure';

/** `common.Status` as the proto loader (keepCase, enums as names) reads and writes it. */
export interface StatusValue {
  error_code: ErrorCodeName;
  reason: string;
  code: number;
  retriable: boolean;
  detail: string;
  extra_info: Record<string, string>;
}

export const Codes = {
  success: 0,
  serviceInternal: 5,
  rateLimit: 8,
  unimplemented: 10,
  collectionNotFound: 100,
  collectionNotLoaded: 101,
  collectionIllegalSchema: 105,
  schemaMismatch: 109,
  partitionNotFound: 200,
  partitionNotLoaded: 201,
  indexNotFound: 700,
  indexNotSupported: 701,
  indexDuplicate: 702,
  databaseNotFound: 800,
  databaseNumLimit: 801,
  databaseInvalidName: 802,
  parameterInvalid: 1100,
  parameterMissing: 1101,
  parameterTooLarge: 1102,
  aliasNotFound: 1600,
  aliasCollectionNameConflict: 1601,
  aliasAlreadyExist: 1602,
  fieldNotFound: 1700,
  fieldInvalidName: 1701,
  operationNotSupported: 3000,
  unexpected: 65535,
} as const;

/** merr's `oldCode`: the legacy enum the SDK compares against (`error_code === 'Success'`). */
export function legacyErrorCode(code: number): ErrorCodeName {
  switch (code) {
    case 0:
      return 'Success';
    case 1:
      return 'NotReadyServe';
    case Codes.collectionNotFound:
      return 'CollectionNotExists';
    case Codes.parameterInvalid:
      return 'IllegalArgument';
    case Codes.partitionNotFound:
      return 'MetaFailed';
    case Codes.indexNotFound:
      return 'IndexNotExist';
    case Codes.rateLimit:
      return 'RateLimit';
    case 9:
      return 'ForceDeny';
    case Codes.schemaMismatch:
      return 'SchemaMismatch';
    default:
      return 'UnexpectedError';
  }
}

/** A protocol error: thrown inside the core, reported as a Status value by the transports. */
export class MilvusError extends Error {
  readonly code: number;
  readonly errorCode: ErrorCodeName;
  readonly retriable: boolean;
  readonly inputError: boolean;

  constructor(code: number, reason: string, options: { errorCode?: ErrorCodeName; retriable?: boolean; input?: boolean } = {}) {
    super(reason);
    this.name = 'MilvusError';
    this.code = code;
    this.errorCode = options.errorCode ?? legacyErrorCode(code);
    this.retriable = options.retriable ?? false;
    this.inputError = options.input ?? true;
  }

  /** `common.Status` for this error, both `code` and `error_code` set. */
  toStatus(): StatusValue {
    return {
      error_code: this.errorCode,
      reason: this.message,
      code: this.code,
      retriable: this.retriable,
      detail: this.message,
      extra_info: this.inputError ? { is_input_error: 'true' } : {},
    };
  }
}

export function successStatus(): StatusValue {
  return { error_code: 'Success', reason: '', code: 0, retriable: false, detail: '', extra_info: {} };
}

/** Status for any thrown value: MilvusErrors keep their code; anything else is a bug -> 65535. */
export function statusOf(error: unknown): StatusValue {
  if (error instanceof MilvusError) return error.toStatus();
  const text = error instanceof Error ? error.message : String(error);
  return new MilvusError(Codes.unexpected, `fake milvus internal error: ${text}`, { input: false }).toStatus();
}

const fields = (pairs: ReadonlyArray<readonly [string, unknown]>): string =>
  pairs.map(([key, value]) => `[${key}=${String(value)}]`).join('');

/** Factories for the errors the fake reports, worded as Milvus words them. */
export const errors = {
  /** Proxy describe/query/search wording for a missing collection (code 100). */
  collectionNotFound: (db: string, name: string) =>
    new MilvusError(Codes.collectionNotFound, `can't find collection[database=${db}][collection=${name}]`),
  collectionNotLoaded: (collectionId: string, verb?: 'search' | 'query' | 'delete') =>
    new MilvusError(
      Codes.collectionNotLoaded,
      `${verb ? `failed to ${verb}: ` : ''}collection not loaded${fields([['collection', collectionId]])}`,
    ),
  schemaMismatch: (collection: string) =>
    new MilvusError(Codes.schemaMismatch, `collection schema mismatch[collection=${collection}]`),
  partitionNotFound: (partition: string, message?: string) =>
    new MilvusError(Codes.partitionNotFound, wrap(`partition not found${fields([['partition', partition]])}`, message)),
  databaseNotFound: (db: string) => new MilvusError(Codes.databaseNotFound, `database not found${fields([['database', db]])}`),
  indexNotFound: (collection: string) =>
    new MilvusError(Codes.indexNotFound, `index not found${fields([['collection', collection]])}`),
  aliasNotFound: (db: string, alias: string) =>
    new MilvusError(Codes.aliasNotFound, `alias not found${fields([['database', db], ['alias', alias]])}`),
  /** `merr.WrapErrParameterInvalidMsg(msg)`: "<msg>: invalid parameter". */
  invalidParameter: (message: string) => new MilvusError(Codes.parameterInvalid, `${message}: invalid parameter`),
  /** `merr.WrapErrParameterInvalid(expected, actual, msg)`. */
  invalidParameterValue: (expected: unknown, actual: unknown, message?: string) =>
    new MilvusError(
      Codes.parameterInvalid,
      wrap(`invalid parameter${fields([['expected', expected], ['actual', actual]])}`, message),
    ),
  /** `merr.WrapErrParameterInvalidRange(lower, upper, actual, msg)`. */
  invalidParameterRange: (lower: number, upper: number, actual: unknown, name: string, message?: string) =>
    new MilvusError(
      Codes.parameterInvalid,
      wrap(`invalid parameter[${String(actual)} out of range ${lower} <= ${name} <= ${upper}]`, message),
    ),
  /** `merr.WrapErrParameterMissingMsg(msg)`: "<msg>: missing parameter". */
  missingParameter: (message: string) => new MilvusError(Codes.parameterMissing, `${message}: missing parameter`),
  parameterMissing: (param: string, message?: string) =>
    new MilvusError(Codes.parameterMissing, wrap(`missing parameter${fields([['missing_param', param]])}`, message)),
  fieldNotFound: (field: string, message?: string) =>
    new MilvusError(Codes.fieldNotFound, wrap(`field not found${fields([['field', field]])}`, message)),
  illegalSchema: (collection: string, message: string) =>
    new MilvusError(Codes.collectionIllegalSchema, `${message}: illegal collection schema${fields([['collection', collection]])}`),
  /** Generic failure with free text (code 65535), as Milvus reports unclassified errors. */
  unexpected: (message: string) => new MilvusError(Codes.unexpected, message),
  /** What this fake says for features it does not implement (merr `ErrOperationNotSupported`). */
  unsupported: (what: string) =>
    new MilvusError(Codes.operationNotSupported, `${what} is not supported by fakecontainers' fake Milvus: unsupported operation`),
} as const;

function wrap(base: string, message: string | undefined): string {
  return message ? `${message}: ${base}` : base;
}
