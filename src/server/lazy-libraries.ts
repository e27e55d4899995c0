/**
 * Libraries that only some requests need (spreadsheets, PDFs), loaded on their first use. Imported at start-up they
 * cost every process about a second of CPU (each CLI command, each server start, each test worker) for nothing on
 * most runs. Node keeps the loaded module: the second call costs nothing.
 */
import type * as S3 from '@aws-sdk/client-s3';
import type * as Docx from 'docx';
import type * as ExcelJS from 'exceljs';
import type * as Fontkit from 'fontkit';
import type PDFKit from 'pdfkit';

/** ExcelJS (a CommonJS package: its classes sit on the default export). */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return ((await import('exceljs')) as unknown as { default: typeof ExcelJS }).default;
}

/** pdfkit's PDFDocument class. */
export async function loadPdfKit(): Promise<typeof PDFKit> {
  return (await import('pdfkit')).default;
}

/** fontkit, the font parser pdfkit uses (the same module: pdfkit imports it from the same place). */
export async function loadFontkit(): Promise<typeof Fontkit> {
  return import('fontkit');
}

/** The AWS SDK's S3 client (XASO_STORAGE=s3 only): ~0.2 s of every process start when imported with the rest. */
export async function loadS3(): Promise<typeof S3> {
  return import('@aws-sdk/client-s3');
}

/** qrcode (the slips' look-up QR code). */
export async function loadQrCode(): Promise<typeof import('qrcode')> {
  return import('qrcode');
}

/** nodemailer (the outbox's SMTP transport): ~60 ms of every process start, needed only when an e-mail is sent. */
export async function loadNodemailer(): Promise<typeof import('nodemailer')> {
  return import('nodemailer');
}

/** docx (the minutes' Word file): ~60 ms of every process start otherwise. */
export async function loadDocx(): Promise<typeof Docx> {
  return import('docx');
}
