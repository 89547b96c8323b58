/**
 * A4 through the browser's print, for a page made to be printed (the dashboard, a campaign's
 * report): the app's side bar and header and anything marked `no-print` stay off paper, cards and
 * table rows keep together, charts (SVG) print at their size. Rendered by the page that prints,
 * so other pages print as they are.
 */
const PRINT_CSS = `
@media print {
  @page { size: A4 portrait; margin: 12mm; }
  .ant-layout-sider, .ant-layout-header, .ant-drawer, .no-print { display: none !important; }
  .ant-layout-content { padding: 0 !important; margin: 0 !important; }
  .ant-card, .ant-table-row { break-inside: avoid; }
  body { font-size: 11pt; }
}`;

export function PrintStyles() {
  return <style>{PRINT_CSS}</style>;
}
