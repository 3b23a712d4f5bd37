/**
 * Copies `text` for the reader and returns what to say about it in a status region:
 * `Copied train.py`, or how to copy it by hand when the browser refuses.
 */
export async function copyText(text: string, what: string): Promise<{ copied: boolean; message: string }> {
  try {
    await navigator.clipboard.writeText(text);
    return { copied: true, message: `Copied ${what}` };
  } catch {
    return { copied: false, message: `Could not copy ${what}: select it and copy it yourself` };
  }
}
