// Save a Blob as a file through a temporary link: works offline, for any size the page holds, and
// lets the browser pick the downloads folder. The link's blob is typed application/octet-stream, so
// even opened rather than saved it downloads: an artifact's HTML or SVG never becomes a page of this
// app's origin.

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(new Blob([blob], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: Chromium reads the URL after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The last part of a path, for a download's file name. */
export function baseName(path: string): string {
  return path.split('/').filter(Boolean).pop() ?? 'download';
}
