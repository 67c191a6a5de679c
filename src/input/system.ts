/**
 * Operating-system errors (ENOENT, EACCES, ENOSPC…) said in words, with what
 * to do: a secretary never sees a bare error code.
 */

export interface SystemProblem {
  /** What happened, in words ("there is no such file or folder"). */
  readonly words: string;
  /** What to do about it. */
  readonly hint: string;
}

const READING: Readonly<Record<string, SystemProblem>> = {
  ENOENT: { words: 'there is no such file or folder', hint: 'check the name and the folder you run the command from' },
  EACCES: { words: 'permission denied', hint: 'ask for read access to the file, or copy it into a folder of yours' },
  EPERM: { words: 'the system does not allow this', hint: 'ask for read access to the file, or copy it into a folder of yours' },
  EISDIR: { words: 'this is a folder, not a file', hint: 'name a file inside it' },
  ENOTDIR: { words: 'a part of the path is a file, not a folder', hint: 'check the path' },
  EMFILE: { words: 'too many files are open', hint: 'close other programs and try again' },
  EBUSY: { words: 'the file is in use by another program', hint: 'close it there and try again' },
  ELOOP: { words: 'the path loops through links', hint: 'check the links in the path' },
  ENAMETOOLONG: { words: 'the path is too long', hint: 'use a shorter path' },
};

const WRITING: Readonly<Record<string, SystemProblem>> = {
  ENOENT: { words: 'the folder does not exist and cannot be made', hint: 'check the --out folder name' },
  EACCES: { words: 'permission denied', hint: 'choose another --out folder, or ask for write access to this one' },
  EPERM: { words: 'the system does not allow writing here', hint: 'choose another --out folder, or ask for write access to this one' },
  EROFS: { words: 'the disk is read-only', hint: 'choose an --out folder on another disk' },
  ENOSPC: { words: 'the disk is full', hint: 'free some space on the disk, or choose an --out folder on another disk' },
  EDQUOT: { words: 'your disk quota is used up', hint: 'delete files you no longer need, or choose an --out folder on another disk' },
  ENOTDIR: { words: 'a file is in the way where a folder is needed', hint: 'rename or move that file, or choose another --out folder' },
  EEXIST: { words: 'a file is in the way where a folder is needed', hint: 'rename or move that file, or choose another --out folder' },
  EISDIR: { words: 'a folder is in the way where the file goes', hint: 'rename or move that folder, or choose another --out folder' },
  EBUSY: { words: 'the file is open in another program', hint: 'close it there (e.g. the PDF viewer or Word) and build again' },
  EMFILE: { words: 'too many files are open', hint: 'close other programs and try again' },
  ENAMETOOLONG: { words: 'the path is too long', hint: 'use a shorter --out folder' },
};

/** The error code of a Node system error, if it is one. */
export function systemCode(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A system error met while reading (`read`) or writing (`write`), in words. */
export function systemProblem(e: unknown, doing: 'read' | 'write'): SystemProblem {
  const code = systemCode(e);
  const known = code ? (doing === 'read' ? READING : WRITING)[code] : undefined;
  if (known) return known;
  const detail = code ?? (e as Error | undefined)?.message ?? String(e);
  return {
    words: `the system reported a problem (${detail})`,
    hint: doing === 'read' ? 'check the file and try again' : 'choose another --out folder, or check the disk and its permissions',
  };
}
