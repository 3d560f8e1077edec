/**
 * The proxy's checks on RBAC input (`internal/proxy/util.go`: ValidateUsername, ValidatePassword,
 * validateName behind ValidateRoleName / ValidateObjectType / ValidatePrivilege / ValidateObjectName)
 * and the errors the RBAC store reports, worded as the server words them.
 */
import { errors, MilvusError } from '../errors/status.js';

/** proxy.maxUsernameLength, proxy.minPasswordLength, proxy.maxPasswordLength, proxy.maxNameLength (2.6 defaults). */
export const LIMITS = { maxUsername: 32, minPassword: 6, maxPassword: 72, maxName: 255 } as const;

const isAlpha = (c: string) => /^[A-Za-z]$/.test(c);
const isDigit = (c: string) => /^[0-9]$/.test(c);

export function validateUsername(raw: string): void {
  const username = raw.trim();
  if (username === '') throw errors.invalidParameter('username must be not empty');
  if (username.length > LIMITS.maxUsername) {
    throw errors.invalidParameter(
      `invalid username ${username} with length ${username.length}, the length of username must be less than ${LIMITS.maxUsername}`,
    );
  }
  const first = username[0] ?? '';
  if (!isAlpha(first)) {
    throw errors.invalidParameter(`invalid user name ${username}, the first character must be a letter, but got ${first}`);
  }
  for (let i = 1; i < username.length; i++) {
    const c = username[i] ?? '';
    // Go formats the byte with %s, which prints `%!s(uint8=45)`.
    if (c !== '_' && !isAlpha(c) && !isDigit(c)) {
      throw errors.invalidParameter(
        `invalid user name ${username}, username must contain only numbers, letters and underscores, but got %!s(uint8=${c.charCodeAt(0)})`,
      );
    }
  }
}

/** Length in UTF-8 bytes, as Go's len(string). */
export function validatePassword(password: string): void {
  const length = Buffer.byteLength(password, 'utf8');
  if (length < LIMITS.minPassword || length > LIMITS.maxPassword) {
    throw errors.invalidParameterRange(LIMITS.minPassword, LIMITS.maxPassword, length, 'value', 'invalid password length');
  }
}

/** validateName: role names, object types, object names and privileges. */
export function validateName(raw: string, nameType: string): void {
  const entity = raw.trim();
  if (entity === '') throw errors.invalidParameterValue('not empty', entity, `${nameType} should be not empty`);
  if (entity.length > LIMITS.maxName) {
    throw errors.invalidParameterRange(0, LIMITS.maxName, entity.length, 'value', `the length of ${nameType} must be not greater than limit`);
  }
  const first = entity[0] ?? '';
  if (first !== '_' && !isAlpha(first)) {
    // merr.WrapErrParameterInvalid('_', firstChar, ...) prints both bytes as %v: numbers.
    throw errors.invalidParameterValue(95, first.charCodeAt(0), `the first character of ${nameType} must be an underscore or letter`);
  }
  for (let i = 1; i < entity.length; i++) {
    const c = entity[i] ?? '';
    if (c !== '_' && c !== '$' && !isAlpha(c) && !isDigit(c)) {
      throw errors.invalidParameter(`${nameType} can only contain numbers, letters, dollars and underscores, found ${c} at ${i}`);
    }
  }
}

/** ValidateObjectName / ValidatePrivilege / ValidateCollectionName: `*` passes. */
export function validateNameOrAny(raw: string, nameType: string): void {
  if (raw !== '*') validateName(raw, nameType);
}

/** merr.ErrPrivilegeNotAuthenticated (1400) and ErrPrivilegeNotPermitted (1401), wrapped with a message. */
export const privilegeErrors = {
  notAuthenticated: (message: string) => new MilvusError(1400, `${message}: not authenticated`),
  notPermitted: (message: string) => new MilvusError(1401, `${message}: privilege not permitted`),
};

/**
 * rootcoord's plain errors (errors.New, no merr code): code 65535. OperatePrivilege and SelectGrant
 * answer them with `merr.StatusWithErrorCode(err, OperatePrivilegeFailure / SelectGrantFailure)`.
 */
export function rootcoordError(message: string, errorCode?: 'OperatePrivilegeFailure' | 'SelectGrantFailure'): MilvusError {
  return new MilvusError(65535, message, { ...(errorCode ? { errorCode } : {}), input: false });
}
