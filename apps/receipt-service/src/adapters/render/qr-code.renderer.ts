import QRCode from 'qrcode';

/** Medium error correction survives a scuffed terminal screen or a printed slip; 2 modules of quiet zone. */
const OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 2 };

export function renderQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...OPTIONS, type: 'svg' });
}

/** `scale` pixels per module (bounded by the caller). */
export function renderQrPng(url: string, scale: number): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...OPTIONS, type: 'png', scale });
}
