import { DatePicker, type DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

const DAY = 'YYYY-MM-DD';

export type DateFieldProps = Omit<
  DatePickerProps,
  'value' | 'onChange' | 'minDate' | 'maxDate' | 'picker'
> & {
  /** A calendar day as YYYY-MM-DD (the Beijing day the API speaks); '' or undefined for none. */
  value?: string | undefined;
  /** The chosen day as YYYY-MM-DD, or '' when cleared: what a date input's value was. */
  onChange?: (value: string) => void;
  /** The first and last days that may be chosen (YYYY-MM-DD). */
  min?: string | undefined;
  max?: string | undefined;
};

/**
 * A day picker in the interface language (antd's locale and dayjs's, set in i18n/setup.ts and
 * App.tsx: 年/月/日 in Chinese) instead of the browser's own date box, which follows the browser's
 * language (mm/dd/yyyy). It reads and writes the same YYYY-MM-DD strings a date input did, so a
 * form keeps its values and its checks; the day is a label, never converted between time zones.
 * Typing a day and pressing Enter works as well as picking one.
 */
export function DateField({ value, onChange, min, max, style, ...rest }: DateFieldProps) {
  const day = value ? dayjs(value) : null;
  const outside = (d: Dayjs) => {
    const text = d.format(DAY);
    return (min !== undefined && min !== '' && text < min) || (max !== undefined && max !== '' && text > max);
  };
  return (
    <DatePicker
      {...rest}
      value={day?.isValid() ? day : null}
      onChange={(picked) => {
        // One day: never the multiple-day form (an array).
        const chosen = Array.isArray(picked) ? picked[0] : picked;
        onChange?.(chosen ? chosen.format(DAY) : '');
      }}
      disabledDate={min || max ? outside : undefined}
      style={{ width: '100%', ...style }}
    />
  );
}
