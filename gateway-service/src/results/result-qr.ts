import { toString as qrToString } from 'qrcode';
import { VERIFY_PAGE_PATH } from '../pages/web-pages';

/** The public verification page prefilled with a certificate number: what a result's QR code says. */
export function verificationLink(publicUrl: string, certificateNumber: string): string {
  return `${publicUrl}${VERIFY_PAGE_PATH}?certificate=${encodeURIComponent(certificateNumber)}`;
}

/** A QR code of `text` as an SVG document; error correction M survives a worn or partly covered print. */
export function qrCodeSvg(text: string): Promise<string> {
  return qrToString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}
