// Where a file reference from the page may point: inside an open workspace folder and nowhere else. Pure string
// logic on URI strings (no `vscode`), so the refusals are unit-tested; the panel turns the answer into a vscode.Uri
// with `Uri.joinPath(folders[folder], ...segments)`.

export interface ResolvedRef {
  /** Index into the workspace folders passed in. */
  folder: number;
  /** Decoded path segments below that folder: never empty, never `.`/`..`, no slash, at most 255 characters. */
  segments: string[];
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * Resolves a reference against the workspace folders (given as URI strings, the first one first). A relative path
 * is taken against the first folder, as the service layer writes them; a URI must lie below one of the folders,
 * with the same scheme and authority. Anything else is refused (undefined).
 */
export function resolveRef(ref: string, folders: readonly string[]): ResolvedRef | undefined {
  if (!folders.length || ref.length === 0 || ref.length > 4096) return undefined;
  if (!SCHEME.test(ref) || /^[A-Za-z]:[\\/]/.test(ref)) {
    if (/^[\\/]/.test(ref) || /^[A-Za-z]:/.test(ref)) return undefined;
    const segments = ref.split(/[\\/]/);
    return segments.every(isPlainSegment) ? { folder: 0, segments } : undefined;
  }
  const target = splitUri(ref);
  if (!target) return undefined;
  for (let i = 0; i < folders.length; i++) {
    const folder = splitUri(folders[i]);
    if (!folder) continue;
    if (folder.scheme !== target.scheme || folder.authority !== target.authority) continue;
    if (target.segments.length <= folder.segments.length) continue;
    if (!folder.segments.every((s, n) => s === target.segments[n])) continue;
    const rest = target.segments.slice(folder.segments.length);
    if (rest.every(isPlainSegment)) return { folder: i, segments: rest };
  }
  return undefined;
}

function isPlainSegment(segment: string): boolean {
  return (
    segment.length > 0 &&
    segment.length <= 255 &&
    segment !== '.' &&
    segment !== '..' &&
    !/[\\/]/.test(segment) &&
    // eslint-disable-next-line no-control-regex -- control characters are what this refuses
    !/[\u0000-\u001f\u007f]/.test(segment)
  );
}

/** scheme, lower-cased authority and decoded path segments of a URI; undefined when it has a query or a fragment. */
function splitUri(uri: string): { scheme: string; authority: string; segments: string[] } | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)$/.exec(uri);
  if (!m) return undefined;
  const segments: string[] = [];
  const rawSegments = m[3].split('/').filter((s, i) => !(i === 0 && s === ''));
  for (const raw of rawSegments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    segments.push(decoded);
  }
  // A folder URI may end with a slash; a trailing empty segment is not a name.
  if (segments.length && segments[segments.length - 1] === '' && rawSegments.length) segments.pop();
  return { scheme: m[1].toLowerCase(), authority: m[2].toLowerCase(), segments };
}
