import { forwardRef, type ButtonHTMLAttributes, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { Slot } from '@radix-ui/react-slot';
import clsx from 'clsx';

type Variant = 'primary' | 'ghost' | 'outline' | 'danger';

export const Button = forwardRef<
  HTMLButtonElement,
  ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: 'sm' | 'md' | 'icon'; asChild?: boolean }
>(({ className, variant = 'primary', size = 'md', asChild, ...props }, ref) => {
  const Comp = asChild ? Slot : 'button';
  return (
    <Comp
      ref={ref}
      className={clsx(
        'inline-flex items-center justify-center gap-1.5 rounded-lg font-medium transition-colors disabled:opacity-50 disabled:pointer-events-none cursor-pointer select-none',
        size === 'sm' && 'h-8 px-2.5 text-sm',
        size === 'md' && 'h-10 px-4 text-sm',
        size === 'icon' && 'h-8 w-8 text-sm',
        variant === 'primary' && 'bg-accent text-accent-ink hover:bg-sky-200',
        variant === 'ghost' && 'text-muted hover:text-ink hover:bg-panel-2',
        variant === 'outline' && 'border border-line text-ink hover:bg-panel-2',
        variant === 'danger' && 'bg-red-400/15 text-red-300 hover:bg-red-400/25',
        className,
      )}
      {...props}
    />
  );
});
Button.displayName = 'Button';

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(({ className, ...props }, ref) => (
  <input
    ref={ref}
    className={clsx(
      'h-10 w-full rounded-lg border border-line bg-bg px-3 text-base sm:text-sm text-ink placeholder:text-muted/70 focus:border-accent focus:outline-none aria-[invalid=true]:border-danger',
      className,
    )}
    {...props}
  />
));
Input.displayName = 'Input';

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(
  ({ className, ...props }, ref) => (
    <textarea
      ref={ref}
      className={clsx(
        'w-full rounded-lg border border-line bg-bg px-3 py-2 text-base sm:text-sm text-ink placeholder:text-muted/70 focus:border-accent focus:outline-none resize-none',
        className,
      )}
      {...props}
    />
  ),
);
Textarea.displayName = 'Textarea';

export function Badge({ children, tone = 'muted' }: { children: React.ReactNode; tone?: 'muted' | 'warn' | 'ok' | 'danger' }) {
  return (
    <span
      className={clsx(
        'inline-flex items-center rounded-full px-2 py-0.5 text-[11px] font-medium leading-none whitespace-nowrap',
        tone === 'muted' && 'bg-panel-2 text-muted',
        tone === 'warn' && 'bg-amber-300/15 text-amber-200',
        tone === 'ok' && 'bg-green-300/15 text-green-200',
        tone === 'danger' && 'bg-red-400/15 text-red-300',
      )}
    >
      {children}
    </span>
  );
}

export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input whose error (or else hint) is shown under it and tied to it for assistive technology. */
export function InputField({
  id,
  label,
  error,
  hint,
  ...props
}: { id: string; label: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <Input
        id={id}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...props}
      />
    </Field>
  );
}
