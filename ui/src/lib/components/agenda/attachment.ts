// What the agenda shows of an attached file.
import type { Attachment } from "../../bindings/Attachment";

/** The file is a PDF (drawn in the side panel; any other file is only saved). */
export const isPdf = (a: Attachment): boolean => a.mime === "application/pdf";

/** A short tag of the file's type ("PDF", "PNG", "DOCX"…), from its MIME type or its name. */
export function fileKind(a: Attachment): string {
  if (isPdf(a)) return "PDF";
  if (a.mime === "image/png") return "PNG";
  if (a.mime === "image/jpeg") return "JPG";
  const dot = a.name.lastIndexOf(".");
  return dot > 0 ? a.name.slice(dot + 1).toUpperCase().slice(0, 4) : "Archivo";
}

/** The same file of the same item. */
export const sameAttachment = (a: Attachment, b: Attachment): boolean =>
  a.item_id === b.item_id && a.file_sha256 === b.file_sha256;
