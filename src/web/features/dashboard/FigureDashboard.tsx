import { PrinterOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, usePathname, useSearch } from '../../app/router.ts';
import { PrintStyles } from '../../components/PrintStyles.tsx';
import { AssessmentRules } from './AssessmentRules.tsx';
import { FigureBreakdowns } from './FigureBreakdowns.tsx';
import { FiguresPanel } from './FiguresPanel.tsx';
import { type PeriodChoice, periodChoiceFromSearch, periodChoiceQuery } from './period-choice.ts';

export interface Place {
  id: string;
  name: string;
}

/**
 * The leader dashboard (issue 12 §4): a place's headline figures for the chosen period, then its
 * trend, its child places (click one to drill down: district → street → community → grid), its
 * categories with the ten residents are least satisfied with, and its handling units. The drill
 * path is a breadcrumb back up; the page prints on A4 (the navigation and buttons stay off paper).
 * The period is in the address (`?period=custom&from=…&to=…`), so a view can be linked to; under
 * the headline cards, the district's assessment rules the figures are counted by.
 */
export function FigureDashboard({ top }: { top: Place }) {
  const { t } = useTranslation();
  const pathname = usePathname();
  const period = periodChoiceFromSearch(useSearch());
  const setPeriod = (next: PeriodChoice) =>
    navigate(`${pathname}?${periodChoiceQuery(next)}`, { replace: true });
  // Changed rules change every figure: the panels read again.
  const [rulesVersion, setRulesVersion] = useState(0);
  const [path, setPath] = useState<Place[]>([top]);
  const place = path.at(-1) ?? top;
  return (
    <Flex vertical gap={16} data-testid="figure-dashboard" data-region={place.id}>
      <PrintStyles />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Breadcrumb
          data-testid="figures-drill-path"
          items={path.map((p, i) => ({
            key: p.id,
            title:
              i === path.length - 1 ? (
                p.name
              ) : (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0, height: 'auto' }}
                  onClick={() => setPath(path.slice(0, i + 1))}
                  data-testid="figures-drill-up"
                >
                  {p.name}
                </Button>
              ),
          }))}
        />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} className="no-print">
          {t('figures.board.print')}
        </Button>
      </Flex>
      <FiguresPanel key={`f${rulesVersion}`} regionId={place.id} period={period} onPeriod={setPeriod} />
      <AssessmentRules onChanged={() => setRulesVersion((v) => v + 1)} />
      <FigureBreakdowns
        key={`b${rulesVersion}`}
        regionId={place.id}
        period={period}
        onDrill={(child) => setPath([...path, child])}
      />
    </Flex>
  );
}
