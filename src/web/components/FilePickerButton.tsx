import { Button, type ButtonProps } from 'antd';
import { type ReactNode, useRef } from 'react';

/**
 * A button that opens the browser's file picker. The native input stays out of sight whatever
 * the surrounding styles say (antd's forms show `input[type=file]` as a block, which beats the
 * `hidden` attribute and put an English "Choose Files" control on the page); the button, with
 * its label in the interface language, is what people and screen readers use.
 */
export function FilePickerButton({
  accept,
  capture,
  multiple,
  onFiles,
  inputTestId,
  children,
  ...button
}: {
  accept?: string;
  capture?: 'environment' | 'user';
  multiple?: boolean;
  onFiles: (files: File[]) => void;
  inputTestId?: string;
  children: ReactNode;
} & Omit<ButtonProps, 'onClick' | 'children'>) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        capture={capture}
        multiple={multiple}
        tabIndex={-1}
        aria-hidden="true"
        style={{ display: 'none' }}
        data-testid={inputTestId}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          if (files.length > 0) onFiles(files);
          // The same file may be picked again later.
          event.target.value = '';
        }}
      />
      <Button {...button} onClick={() => input.current?.click()}>
        {children}
      </Button>
    </>
  );
}
