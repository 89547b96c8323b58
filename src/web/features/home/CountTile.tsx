import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Statistic, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { followLink } from '../../app/router.ts';

export interface Tile {
  id: string;
  label: string;
  value: number | string;
  /** The list this count counts; none when no list can be filtered to it. */
  to?: string | undefined;
  /** How the count is counted, when the label alone does not say. */
  how?: string | undefined;
  /** A line under the number (e.g. how many of them are late). */
  note?: string | undefined;
  /** Shown in the warning colour when non-zero (overdue, late). */
  alarm?: boolean;
}

/**
 * A home page's counts as tiles, two to a row on a phone; each opens the list it counts. A tile
 * is `home-<id>` with its number in `data-count`, for the browser tests.
 */
export function CountTiles({ tiles }: { tiles: readonly Tile[] }) {
  return (
    <Row gutter={[12, 12]}>
      {tiles.map((tile) => (
        <Col key={tile.id} xs={12} sm={8} lg={6} xl={4}>
          <CountTile tile={tile} />
        </Col>
      ))}
    </Row>
  );
}

function CountTile({ tile }: { tile: Tile }) {
  const alarm = tile.alarm && tile.value !== 0;
  const title: ReactNode = (
    <Flex gap={4} align="center">
      <span style={{ overflowWrap: 'anywhere' }}>{tile.label}</span>
      {tile.how && (
        <Tooltip title={tile.how}>
          <QuestionCircleOutlined aria-label={tile.how} />
        </Tooltip>
      )}
    </Flex>
  );
  const body = (
    <Card size="small" hoverable={!!tile.to} data-testid={`home-${tile.id}`} data-count={String(tile.value)}>
      <Statistic title={title} value={tile.value} valueStyle={alarm ? { color: '#cf1322' } : undefined} />
      {tile.note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tile.note}
        </Typography.Text>
      )}
    </Card>
  );
  if (!tile.to) return body;
  const to = tile.to;
  return (
    <a href={to} onClick={(event) => followLink(event, to)} style={{ display: 'block' }}>
      {body}
    </a>
  );
}

/** A section's heading. */
export function SectionTitle({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <Typography.Title level={4} style={{ margin: 0 }} data-testid={testId}>
      {children}
    </Typography.Title>
  );
}
