import QRCode from 'qrcode';

/** The QR code of a link as SVG; level M survives a scuffed or partly covered poster. */
export function drawQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export async function qrDataUrl(url: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await drawQrSvg(url)).toString('base64')}`;
}
