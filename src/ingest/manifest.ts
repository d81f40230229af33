import fs from "node:fs";
import path from "node:path";
import { maxArticleBytes } from "./load-article";
import { readSourceFile } from "./source-file";

/** What the text itself cannot tell: the host site, a URL, a publication date. The text wins where it speaks. */
export interface ArticleManifest {
  host?: string;
  origin?: string;
  url?: string;
  publishedAt?: string;
  headline?: string;
}

export interface FolderManifest {
  story?: { slug?: string; title?: string };
  articles: Record<string, ArticleManifest>;
}

export const MANIFEST_FILE = "manifest.json";

export class ManifestError extends Error {}

export function readManifest(folder: string): FolderManifest {
  const file = path.join(folder, MANIFEST_FILE);
  if (!fs.existsSync(file) && !isLink(file)) return { articles: {} };
  let text: string;
  try {
    text = readSourceFile(file, maxArticleBytes());
  } catch (error) {
    throw new ManifestError(`${file} cannot be read: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null) throw new ManifestError(`${file} must hold a JSON object.`);
  const manifest = parsed as Partial<FolderManifest>;
  const articles = manifest.articles ?? {};
  if (typeof articles !== "object" || articles === null || Array.isArray(articles)) {
    throw new ManifestError(`${file}: "articles" must map file names to objects.`);
  }
  for (const [name, entry] of Object.entries(articles)) {
    if (typeof entry !== "object" || entry === null) throw new ManifestError(`${file}: articles["${name}"] must be an object.`);
    for (const key of ["host", "origin", "url", "publishedAt", "headline"] as const) {
      const value = (entry as Record<string, unknown>)[key];
      if (value !== undefined && typeof value !== "string")
        throw new ManifestError(`${file}: articles["${name}"].${key} must be a string.`);
    }
    if (entry.publishedAt !== undefined && Number.isNaN(Date.parse(entry.publishedAt))) {
      throw new ManifestError(`${file}: articles["${name}"].publishedAt is not a date.`);
    }
  }
  return { story: manifest.story, articles };
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
