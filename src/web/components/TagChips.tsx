import { Flex, Tag } from 'antd';

/** A record's tags as chips that wrap; `label` turns a tag code into the reader's words. */
export function TagChips({
  codes,
  label = (code) => code,
  color,
}: {
  codes: readonly string[];
  label?: (code: string) => string;
  color?: string;
}) {
  return (
    <Flex gap={4} wrap>
      {codes.map((code) => (
        <Tag key={code} color={color} style={{ marginInlineEnd: 0 }}>
          {label(code)}
        </Tag>
      ))}
    </Flex>
  );
}
