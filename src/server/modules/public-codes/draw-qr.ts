/** The QR code of a link as SVG; level M survives a scuffed or partly covered poster. */
export async function drawQrSvg(url: string): Promise<string> {
  // Loaded on first use: start-up does not need it (issue 16 §6).
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export async function qrDataUrl(url: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await drawQrSvg(url)).toString('base64')}`;
}
