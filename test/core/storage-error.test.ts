/**
 * storageError: errno failures become the storage OpsError (507 full / 503 unavailable)
 * naming the path and the reason; an OpsError or a non-errno fault passes through as is.
 */
import { describe, expect, it } from 'vitest';
import { OpsError } from '../../main/core/errors.js';
import { errnoCode, isStorageFull, storageError } from '../../main/core/storage-error.js';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed`), { code });
}

describe('storageError', () => {
  it.each(['ENOSPC', 'EDQUOT'])('maps %s to 507 storage_full with the path and reason', (code) => {
    const mapped = storageError(errno(code), '/home/u/.attune/ops/config.json');
    expect(mapped).toBeInstanceOf(OpsError);
    const error = mapped as OpsError;
    expect(error.status).toBe(507);
    expect(error.code).toBe('storage_full');
    expect(error.details).toEqual({ path: '/home/u/.attune/ops/config.json', reason: code });
    expect(error.message).toContain('/home/u/.attune/ops/config.json');
    expect(error.message).toContain('disk is full');
  });

  it.each([
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EROFS', 'read-only'],
    ['EISDIR', 'folder is in the way'],
    ['ENOTDIR', 'file is in the way'],
    ['EEXIST', 'refused the write'],
  ])('maps %s to 503 storage_unavailable saying %s', (code, words) => {
    const error = storageError(errno(code), '/x/y.json') as OpsError;
    expect(error).toBeInstanceOf(OpsError);
    expect(error.status).toBe(503);
    expect(error.code).toBe('storage_unavailable');
    expect(error.details).toEqual({ path: '/x/y.json', reason: code });
    expect(error.message).toContain(words);
    expect(error.message).toContain('/x/y.json');
  });

  it('returns an OpsError and a non-errno fault unchanged', () => {
    const ops = new OpsError(400, 'invalid_body', 'bad');
    expect(storageError(ops, '/p')).toBe(ops);
    const fault = new TypeError('not storage');
    expect(storageError(fault, '/p')).toBe(fault);
    const odd = Object.assign(new Error('x'), { code: 'ERR_SOMETHING_NODE' });
    expect(storageError(odd, '/p')).toBe(odd);
  });
});

describe('errnoCode and isStorageFull', () => {
  it('reads only errno-shaped codes', () => {
    expect(errnoCode(errno('ENOSPC'))).toBe('ENOSPC');
    expect(errnoCode(Object.assign(new Error(), { code: 'ERR_INVALID_ARG_TYPE' }))).toBeUndefined();
    expect(errnoCode(null)).toBeUndefined();
    expect(errnoCode('ENOSPC')).toBeUndefined();
    expect(errnoCode({ code: 42 })).toBeUndefined();
  });

  it('is true only for no-space codes', () => {
    expect(isStorageFull(errno('ENOSPC'))).toBe(true);
    expect(isStorageFull(errno('EDQUOT'))).toBe(true);
    expect(isStorageFull(errno('EACCES'))).toBe(false);
    expect(isStorageFull(new Error('no code'))).toBe(false);
  });
});
