import fs from "node:fs";
import { ArticleRejected, describeBytes } from "./load-article";

/**
 * Reads one file of the folder, trusting nothing about it: only a regular file is read (a symlink
 * could point anywhere, a FIFO or a device would block), its size is checked before any byte is
 * read, and it is opened without following links and without blocking, then checked again.
 */
export function readSourceFile(file: string, maxBytes: number): string {
  const entry = fs.lstatSync(file);
  if (entry.isSymbolicLink()) throw new ArticleRejected("it is a symbolic link; only regular files are loaded");
  if (entry.isFIFO()) throw new ArticleRejected("it is a named pipe (FIFO), not a regular file");
  if (entry.isCharacterDevice() || entry.isBlockDevice()) throw new ArticleRejected("it is a device, not a regular file");
  if (entry.isSocket()) throw new ArticleRejected("it is a socket, not a regular file");
  if (!entry.isFile()) throw new ArticleRejected("it is not a regular file");
  if (entry.size > maxBytes)
    throw new ArticleRejected(`it is ${describeBytes(entry.size)}, over the ${describeBytes(maxBytes)} limit (INGEST_MAX_BYTES)`);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") throw new ArticleRejected("it is a symbolic link; only regular files are loaded");
    throw new ArticleRejected(`it cannot be opened (${code ?? (error as Error).message})`);
  }
  try {
    // The name may have been swapped for something else between lstat and open.
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) throw new ArticleRejected("it is not a regular file");
    if (opened.size > maxBytes)
      throw new ArticleRejected(`it is ${describeBytes(opened.size)}, over the ${describeBytes(maxBytes)} limit (INGEST_MAX_BYTES)`);
    const buffer = Buffer.alloc(Math.min(opened.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes)
        throw new ArticleRejected(`it grew past the ${describeBytes(maxBytes)} limit (INGEST_MAX_BYTES) while being read`);
      if (length === buffer.length) break;
    }
    return decodeText(buffer.subarray(0, length));
  } finally {
    fs.closeSync(fd);
  }
}

function decodeText(bytes: Buffer): string {
  if (bytes.length === 0 || bytes.toString("utf8").trim() === "") throw new ArticleRejected("the file is empty");
  if (bytes.includes(0)) throw new ArticleRejected("the file holds binary data (NUL bytes), not text");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ArticleRejected("the file is not UTF-8 text");
  }
}
