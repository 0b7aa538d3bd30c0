// A short list of codes as a fieldset of checkboxes (impact areas, certifications, countries…):
// the legend names the group for a screen reader, each box its own label.
interface Props {
  id: string;
  legend: string;
  options: [code: string, label: string][];
  selected: string[];
  onChange(codes: string[]): void;
  error?: string | undefined;
}

export function CheckList({ id, legend, options, selected, onChange, error }: Props) {
  const toggle = (code: string, on: boolean) => onChange(on ? [...selected, code] : selected.filter((c) => c !== code));
  return (
    <fieldset id={id} class={`field check-list${error ? ' field--invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div class="check-list__options">
        {options.map(([code, label]) => (
          <label key={code} class="check">
            <input type="checkbox" checked={selected.includes(code)} onChange={(e) => toggle(code, e.currentTarget.checked)} />
            {label}
          </label>
        ))}
      </div>
      {error && <p id={`${id}-error`} class="field__error">{error}</p>}
    </fieldset>
  );
}
