/** System errors in words, with what to do: never a bare ENOENT. */
import { describe, expect, test } from 'vitest';
import { systemProblem } from '../../src/input/system.js';

const err = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: x`), { code });

describe('system errors in words', () => {
  test.each([
    ['read', 'ENOENT', 'there is no such file or folder', 'check the name and the folder you run the command from'],
    ['read', 'EACCES', 'permission denied', 'ask for read access to the file, or copy it into a folder of yours'],
    ['read', 'EISDIR', 'this is a folder, not a file', 'name a file inside it'],
    ['write', 'ENOSPC', 'the disk is full', 'free some space on the disk, or choose an --out folder on another disk'],
    ['write', 'EACCES', 'permission denied', 'choose another --out folder, or ask for write access to this one'],
    ['write', 'ENOTDIR', 'a file is in the way where a folder is needed', 'rename or move that file, or choose another --out folder'],
    ['write', 'EROFS', 'the disk is read-only', 'choose an --out folder on another disk'],
    ['write', 'EBUSY', 'the file is open in another program', 'close it there (e.g. the PDF viewer or Word) and build again'],
  ] as const)('%s %s', (doing, code, words, hint) => {
    expect(systemProblem(err(code), doing)).toEqual({ words, hint });
  });

  test('an unknown one still says what to do, with the code for the record', () => {
    const p = systemProblem(err('EWHATEVER'), 'write');
    expect(p.words).toBe('the system reported a problem (EWHATEVER)');
    expect(p.hint).toMatch(/choose another --out folder/);
  });
});
